import type { FastifyInstance } from 'fastify';
import { finishOperatorEnrollment, startOperatorEnrollment } from '../../core/operators/enroll-operator.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { consoleTenant, CREDENTIAL_JSON_SCHEMA, TENANT_SLUG_SCHEMA } from './console-tenant.ts';
import { openConsoleSession } from './sign-in-routes.ts';

const LINK_SCHEMA = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** Enrolling an operator through a one-time link (made at the first start, by the CLI or by `POST /admin/v1/operator-enrollments`). */
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
}
