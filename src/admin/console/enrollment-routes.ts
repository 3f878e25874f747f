import type { FastifyInstance } from 'fastify';
import { issueOperatorEnrollment } from '../../core/operators/enrollment-links.ts';
import { finishOperatorEnrollment, startOperatorEnrollment } from '../../core/operators/enroll-operator.ts';
import { DomainError } from '../../core/errors.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { consoleSessionOf } from './console-session-auth.ts';
import { consoleTenant, CREDENTIAL_JSON_SCHEMA, TENANT_SLUG_SCHEMA } from './console-tenant.ts';
import { openConsoleSession } from './sign-in-routes.ts';
import { enrollmentUrl } from './enrollment-url.ts';

const LINK_SCHEMA = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** Enrolling an operator through a one-time link, and making such a link from the console. */
export async function enrollmentRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core, config } = services;

  app.post<{ Body: { tenant?: string; link: string; username: string; displayName?: string } }>(
    '/enroll/options',
    {
      schema: {
        body: {
          type: 'object',
          required: ['link', 'username'],
          additionalProperties: false,
          properties: { tenant: TENANT_SLUG_SCHEMA, link: LINK_SCHEMA, username: { type: 'string', minLength: 1, maxLength: 256 }, displayName: { type: 'string', maxLength: 256 } },
        },
      },
    },
    async (request) => {
      const { tenant: slug, link, ...input } = request.body;
      return startOperatorEnrollment(core, consoleTenant(core.tenants, slug), link, input);
    },
  );

  app.post<{ Body: { tenant?: string; link: string; session: string; response: unknown } }>(
    '/enroll/result',
    { schema: { body: { type: 'object', required: ['link', 'session', 'response'], additionalProperties: false, properties: { tenant: TENANT_SLUG_SCHEMA, link: LINK_SCHEMA, session: { type: 'string', minLength: 1, maxLength: 128 }, response: CREDENTIAL_JSON_SCHEMA } } } },
    async (request, reply) => {
      const tenant = consoleTenant(core.tenants, request.body.tenant);
      const { user } = await finishOperatorEnrollment(core, contextOf(request), tenant, request.body.link, request.body.session, request.body.response);
      await openConsoleSession(core, reply, config.consoleIdleTimeoutSeconds, tenant, { kind: 'operator', userId: user.id });
    },
  );

  // Another operator, with every scope: only an operator who holds every scope may make one.
  app.post('/enrollment-links', async (request, reply) => {
    const found = await consoleSessionOf(core, request);
    if (found === null) throw new DomainError('unauthorized', { detail: 'no console session' });
    const { principal } = found;
    if (!principal.scopes.includes('*')) throw new DomainError('forbidden', { detail: 'only an operator with every scope makes operators' });
    const { secret, expiresAt } = await issueOperatorEnrollment(core, contextOf(request, principal.actor), principal.tenant, { ttlSeconds: config.consoleEnrollmentTtlSeconds });
    return reply.code(201).send({ url: enrollmentUrl(config.publicUrl, principal.tenant, secret), expiresAt: new Date(expiresAt).toISOString() });
  });
}
