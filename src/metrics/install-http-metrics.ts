import type { FastifyInstance, RouteOptions } from 'fastify';
import type { DialectRegistry } from '../dialects/registry.ts';
import { toDomainError } from '../http/error-table.ts';
import { dialectOfRoute, withoutTenantPrefix } from '../http/route-dialects.ts';
import { RouteRecorder, type RouteIdentity } from './route-recorder.ts';
import type { SigilMetrics } from './sigil-metrics.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set for every route when metrics are on (install-http-metrics.ts). */
    metrics?: RouteRecorder;
  }
  interface FastifyRequest {
    /** The error code the request was refused with, for the metrics; null otherwise. */
    refusalCode: string | null;
  }
}

/**
 * Counts every request (route group, dialect, status), times it, counts each dialect route's
 * outcome and every rate-limit refusal. Must run before any route is registered: each route's
 * recorder is made once, in `onRoute`, so a request only looks up what is already bound.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: SigilMetrics, dialects: DialectRegistry): void {
  const dialectOf = dialectOfRoute(dialects);
  const recorder = (identity: RouteIdentity): RouteRecorder => {
    const made = new RouteRecorder(identity);
    metrics.routes.add(made);
    return made;
  };
  const unmatched = recorder({ group: 'unmatched', dialect: 'none', route: 'unmatched', ceremony: false });
  // Refusals are rare: their counter children are made when first needed and kept.
  const rateLimited = new Map<RouteRecorder, { inc(): void }>();
  app.decorateRequest('refusalCode', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = withoutTenantPrefix(route.url);
    const name = `${methods.join(',')} ${path}`;
    const dialect = methods.length === 1 ? dialectOf.get(name) ?? (methods[0] === 'HEAD' ? dialectOf.get(`GET ${path}`) : undefined) : undefined;
    const group = route.config?.rateLimit?.group ?? (path.startsWith('/admin/') ? 'admin' : name);
    route.config = { ...route.config, metrics: recorder({ group, dialect: dialect ?? 'none', route: name, ceremony: dialect !== undefined }) };
  });

  app.addHook('onError', (request, _reply, error, done) => {
    const code = toDomainError(error)?.code ?? 'internal_error';
    request.refusalCode = code;
    if (code === 'rate_limited') {
      const route = request.routeOptions.config.metrics ?? unmatched;
      let counter = rateLimited.get(route);
      if (counter === undefined) rateLimited.set(route, (counter = metrics.rateLimitRefusals.labels(route.identity.group, route.identity.dialect)));
      counter.inc();
    }
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    (request.routeOptions.config.metrics ?? unmatched).answered(reply.statusCode, reply.elapsedTime / 1000, request.refusalCode);
    done();
  });
}
