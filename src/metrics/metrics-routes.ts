import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SigilMetrics } from './sigil-metrics.ts';

export interface MetricsRouteOptions {
  readonly metrics: SigilMetrics;
  /** The bearer token a scraper must present; null: none (only on the separate METRICS_PORT listener). */
  readonly token: string | null;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares a presented bearer token with the configured one in constant time (equal-length digests). */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const presented = /^Bearer ([^\s]+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(expected)) && presented !== '';
}

/**
 * `GET /metrics` in Prometheus' text format. Hidden from the OpenAPI documents: it is an
 * operator's endpoint, not part of an API.
 */
export async function metricsRoutes(app: FastifyInstance, { metrics, token }: MetricsRouteOptions): Promise<void> {
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: { exempt: true } } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (token !== null && !bearerMatches(request.headers.authorization, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('application/json')
        .send({ error: { code: 'unauthorized', message: 'A valid metrics token is required.' } });
    }
    const body = await metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(body);
  });
}
