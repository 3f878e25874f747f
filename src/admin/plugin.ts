import type { FastifyInstance } from 'fastify';
import { installErrorHandler } from '../http/error-table.ts';
import { sigilOpaque500 } from '../http/sigil-errors.ts';
import type { Services } from '../services.ts';
import { ADMIN_ERROR_TABLE } from './admin-errors.ts';
import { guard, principalOf } from './require-api-key.ts';
import { refusals } from './schemas.ts';
import { tenantView } from './views.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditRoutes } from './routes/audit.ts';
import { credentialRoutes } from './routes/credentials.ts';
import { signingKeyRoutes } from './routes/signing-keys.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { operatorRoutes } from './routes/operators.ts';

/**
 * The management API, under `/admin/v1`. Every route needs an API key with the route's scope;
 * the key decides the tenant, and nothing of another tenant is visible through it, not even by
 * id (`404`). Responses use Sigil's own `{error: {code, message}}` envelope.
 */
export async function adminPlugin(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { core } = opts.services;
  installErrorHandler(app, ADMIN_ERROR_TABLE, sigilOpaque500);

  for (const routes of [tenantRoutes, userRoutes, credentialRoutes, apiKeyRoutes, signingKeyRoutes, auditRoutes, tokenRoutes, operatorRoutes]) {
    await app.register(routes, { services: opts.services });
  }

  // The calling key's own tenant, for any tenant's operators.
  app.get('/tenant', { ...guard(core, 'tenants:read'), schema: { response: refusals } }, async (request) => tenantView(principalOf(request).tenant, opts.services.dialects));
}
