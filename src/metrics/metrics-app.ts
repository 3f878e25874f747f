import Fastify, { type FastifyInstance } from 'fastify';
import { metricsRoutes } from './metrics-routes.ts';
import type { SigilMetrics } from './sigil-metrics.ts';

/**
 * The separate listener of `METRICS_PORT`: `/metrics` and nothing else (every other path is a
 * 404), so the port can be left to the scraper's network while PORT faces the internet.
 */
export async function buildMetricsApp(metrics: SigilMetrics, token: string | null): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: 'Only /metrics is served here.' } });
  });
  await app.register(metricsRoutes, { metrics, token });
  return app;
}
