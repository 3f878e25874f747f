import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../core/audit.ts';
import { installErrorHandler } from '../http/error-table.ts';
import { contextOf } from '../http/request-context.ts';
import { SIGIL_ERROR_TABLE, sigilOpaque500 } from '../http/sigil-errors.ts';
import type { Services } from '../services.ts';
import { requireApiKey } from './require-api-key.ts';
import { tenantView } from './views.ts';
import { userRoutes } from './routes/users.ts';
import { tokenRoutes } from './routes/tokens.ts';

/**
 * The management API, under `/admin/v1`. Every route needs an API key with the route's scope;
 * the key decides the tenant. Responses use Sigil's own `{error: {code, message}}` envelope.
 */
export async function adminPlugin(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { core, keyring } = opts.services;
  installErrorHandler(app, SIGIL_ERROR_TABLE, sigilOpaque500);

  await app.register(userRoutes, { services: opts.services });
  await app.register(tokenRoutes, { services: opts.services });

  app.get('/tenant', async (request) => {
    const { tenant } = await requireApiKey(core, request, 'tenants:read');
    return tenantView(tenant);
  });

  app.get<{ Querystring: { limit?: number; before?: number } }>(
    '/audit',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, before: { type: 'integer', minimum: 0 } },
        },
      },
    },
    async (request) => {
      const { tenant } = await requireApiKey(core, request, 'audit:read');
      const page = { limit: request.query.limit ?? 100, ...(request.query.before === undefined ? {} : { before: request.query.before }) };
      return { events: await core.storage.audit.list(tenant.id, page) };
    },
  );

  app.post('/signing-keys/rotate', async (request) => {
    const { tenant, apiKey } = await requireApiKey(core, request, 'keys:rotate');
    const result = await keyring.rotate(tenant.id);
    await recordAudit(core, contextOf(request, `api-key:${apiKey.id}`), { tenantId: tenant.id, action: 'signing-key.rotated', subject: `signing-key:${result.kid}`, detail: { retired: result.retired } });
    return result;
  });
}
