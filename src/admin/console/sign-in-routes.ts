import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_KEY_SCOPES, hasScope } from '../../core/api-key.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import { createOperatorSession, endOperatorSession, type SessionHolder } from '../../core/operators/operator-sessions.ts';
import { finishOperatorSignIn, signInWithApiKey, startOperatorSignIn } from '../../core/operators/sign-in-operator.ts';
import { recordAudit } from '../../core/audit.ts';
import { DEFAULT_TENANT_SLUG, type Tenant } from '../../core/tenant.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { clearConsoleCookie, setConsoleCookie } from './console-cookie.ts';
import { consoleSessionOf } from './console-session-auth.ts';
import { consoleTenant, CREDENTIAL_JSON_SCHEMA, TENANT_SLUG_SCHEMA } from './console-tenant.ts';

/** Starts a console session for `holder` and answers with the cookie. */
export async function openConsoleSession(core: CoreDeps, reply: FastifyReply, idleSeconds: number, tenant: Tenant, holder: SessionHolder): Promise<void> {
  const { token } = await createOperatorSession(core, { tenantId: tenant.id, holder, idleSeconds });
  setConsoleCookie(reply, core.settings.publicUrl, token);
  await reply.code(204).send();
}

/** Sign-in with a passkey (two steps) or an API key, the session's own view, and sign-out. */
export async function signInRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core, config } = services;
  const idle = config.consoleIdleTimeoutSeconds;

  app.post<{ Body: { tenant?: string; username?: string } }>(
    '/sign-in/options',
    { schema: { body: { type: 'object', additionalProperties: false, properties: { tenant: TENANT_SLUG_SCHEMA, username: { type: 'string', minLength: 1, maxLength: 256 } } } } },
    async (request) => {
      const tenant = consoleTenant(core.tenants, request.body.tenant);
      return startOperatorSignIn(core, tenant, request.body.username);
    },
  );

  app.post<{ Body: { tenant?: string; session: string; response: unknown } }>(
    '/sign-in/result',
    { schema: { body: { type: 'object', required: ['session', 'response'], additionalProperties: false, properties: { tenant: TENANT_SLUG_SCHEMA, session: { type: 'string', minLength: 1, maxLength: 128 }, response: CREDENTIAL_JSON_SCHEMA } } } },
    async (request, reply) => {
      const tenant = consoleTenant(core.tenants, request.body.tenant);
      const holder = await finishOperatorSignIn(core, contextOf(request), tenant, request.body.session, request.body.response);
      await openConsoleSession(core, reply, idle, tenant, holder);
    },
  );

  app.post<{ Body: { apiKey: string } }>(
    '/sign-in/api-key',
    { schema: { body: { type: 'object', required: ['apiKey'], additionalProperties: false, properties: { apiKey: { type: 'string', minLength: 1, maxLength: 512 } } } } },
    async (request, reply) => {
      const { tenant, holder } = await signInWithApiKey(core, contextOf(request), request.body.apiKey.trim());
      await openConsoleSession(core, reply, idle, tenant, holder);
    },
  );

  app.get('/session', async (request) => {
    const found = await consoleSessionOf(core, request);
    if (found === null) throw new DomainError('unauthorized', { detail: 'no console session' });
    const { principal, session } = found;
    return {
      tenant: { id: principal.tenant.id, slug: principal.tenant.slug, rpName: principal.tenant.rpName },
      actor: principal.actor,
      operator: principal.user === null ? null : { id: principal.user.id, username: principal.user.username, displayName: principal.user.displayName },
      apiKey: principal.apiKey === null ? null : { id: principal.apiKey.id, name: principal.apiKey.name },
      scopes: principal.scopes,
      // Every scope this server knows, so the console offers exactly these (those held) for new keys.
      knownScopes: API_KEY_SCOPES,
      // Platform operators manage every tenant: the default tenant's holders of tenants:write.
      platform: principal.tenant.slug === DEFAULT_TENANT_SLUG && hasScope(principal, 'tenants:write'),
      csrfToken: session.csrfToken,
      idleTimeoutSeconds: session.idleMs / 1000,
    };
  });

  app.post('/sign-out', async (request, reply) => {
    const found = await consoleSessionOf(core, request);
    if (found !== null) {
      await endOperatorSession(core, found.token);
      await recordAudit(core, contextOf(request, found.principal.actor), { tenantId: found.principal.tenant.id, action: 'operator.signed-out', subject: found.principal.actor });
    }
    clearConsoleCookie(reply, core.settings.publicUrl);
    return reply.code(204).send();
  });
}
