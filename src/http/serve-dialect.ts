import type { FastifyInstance } from 'fastify';
import { DomainError } from '../core/errors.ts';
import type { Dialect } from '../dialects/dialect.ts';
import type { Services } from '../services.ts';

/**
 * Registers a dialect in a scope of its own that (1) refuses, at start-up, any route the dialect
 * did not declare, so the registry's collision check sees every path it serves, and (2) answers
 * `not_found` on every route of a dialect the request's tenant has not enabled. The refusal is
 * rendered by the dialect's own error handler, in its envelope, before the body is read.
 */
export async function serveDialect(scope: FastifyInstance, dialect: Dialect, services: Services): Promise<void> {
  const declared = new Set(dialect.routes);
  scope.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const path = route.routePath === '' ? '/' : route.routePath;
      if (method === 'HEAD' && declared.has(`GET ${path}`)) continue;
      if (!declared.has(`${method} ${path}`)) throw new Error(`dialect ${dialect.name} registers "${method} ${path}" but does not declare it in its routes`);
    }
  });
  scope.addHook('onRequest', (request, _reply, done) => {
    const enabled = request.tenant.dialects[dialect.name] !== undefined;
    done(enabled ? undefined : new DomainError('not_found', { detail: `tenant ${request.tenant.slug} does not serve the ${dialect.name} dialect` }));
  });
  await scope.register(dialect.plugin, { services });
}
