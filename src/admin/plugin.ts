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
    return tenantView(tenant, opts.services.dialects);
  });

  // Pages continue with `after`, the `nextCursor` of the previous page: the last event's time and
  // id, so events that share a millisecond are neither skipped nor repeated.
  app.get<{ Querystring: { limit?: number; before?: number; after?: string } }>(
    '/audit',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            before: { type: 'integer', minimum: 0 },
            after: { type: 'string', pattern: AUDIT_CURSOR.source },
          },
        },
      },
    },
    async (request) => {
      const { tenant } = await requireApiKey(core, request, 'audit:read');
      const { limit = 100, before, after } = request.query;
      const cursor = after === undefined ? undefined : parseAuditCursor(after);
      const events = await core.storage.audit.list(tenant.id, { limit, ...(before === undefined ? {} : { before }), ...(cursor === undefined ? {} : { after: cursor }) });
      const last = events.length === limit ? events[events.length - 1] : undefined;
      return { events, nextCursor: last === undefined ? null : `${last.at}.${last.id}` };
    },
  );

  app.post('/signing-keys/rotate', async (request) => {
    const { tenant, apiKey } = await requireApiKey(core, request, 'keys:rotate');
    const result = await keyring.rotate(tenant.id);
    await recordAudit(core, contextOf(request, `api-key:${apiKey.id}`), { tenantId: tenant.id, action: 'signing-key.rotated', subject: `signing-key:${result.kid}`, detail: { retired: result.retired } });
    return result;
  });

  // The RS256 key of the ID tokens apps verify on the device (AppKey's `jwt`, `appPublicKey`).
  app.post('/app-signing-keys/rotate', async (request) => {
    const { tenant, apiKey } = await requireApiKey(core, request, 'keys:rotate');
    const result = await opts.services.appKeyring.rotate(tenant.id);
    await recordAudit(core, contextOf(request, `api-key:${apiKey.id}`), { tenantId: tenant.id, action: 'app-signing-key.rotated', subject: `app-signing-key:${result.kid}`, detail: { retired: result.retired } });
    return result;
  });
}

/** `<at>.<id>`: a page's last event, as `nextCursor` gives it. */
const AUDIT_CURSOR = /^([0-9]{1,15})\.([0-9A-Za-z-]{1,64})$/;

function parseAuditCursor(text: string): { at: number; id: string } {
  const [, at, id] = AUDIT_CURSOR.exec(text) ?? [];
  // The schema has checked the pattern already; this is the type's proof of it.
  if (at === undefined || id === undefined) throw new RangeError('audit cursor not checked by the schema');
  return { at: Number(at), id };
}
