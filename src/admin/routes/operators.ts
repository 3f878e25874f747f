import type { FastifyInstance } from 'fastify';
import { issueOperatorEnrollment } from '../../core/operators/enrollment-links.ts';
import { listOperators, removeOperator, requireEveryScope } from '../../core/operators/manage-operators.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { enrollmentUrl } from '../console/enrollment-url.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { idParams, refusals } from '../schemas.ts';

/** A one-time enrollment link, shown once. */
const ENROLLMENT_LINK = { type: 'object', required: ['url', 'expiresAt'], properties: { url: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } } as const;

/**
 * Console operators of the caller's tenant: list them, remove the role, and make the one-time
 * link that enrolls a new one (with every scope, so only a holder of every scope may).
 */
export async function operatorRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core, config } = services;
  const read = guard(core, 'users:read');
  const write = guard(core, 'users:write');

  app.get('/operators', { ...read, schema: { response: refusals } }, async (request) => {
    const found = await listOperators(core, principalOf(request).tenant);
    return {
      operators: found.map(({ operator, user }) => ({ userId: user.id, username: user.username, displayName: user.displayName, status: user.status, scopes: operator.scopes, createdAt: new Date(operator.createdAt).toISOString() })),
    };
  });

  app.delete<{ Params: { id: string } }>('/operators/:id', { ...write, schema: { params: idParams, response: refusals } }, async (request, reply) => {
    const { tenant, actor, scopes } = principalOf(request);
    requireEveryScope(scopes);
    await removeOperator(core, contextOf(request, actor), tenant, request.params.id);
    return reply.code(204).send();
  });

  app.post('/operator-enrollments', { ...write, schema: { response: { ...refusals, 201: ENROLLMENT_LINK } } }, async (request, reply) => {
    const { tenant, actor, scopes } = principalOf(request);
    requireEveryScope(scopes);
    const { secret, expiresAt } = await issueOperatorEnrollment(core, contextOf(request, actor), tenant, { ttlSeconds: config.consoleEnrollmentTtlSeconds });
    return reply.code(201).send({ url: enrollmentUrl(config.publicUrl, tenant, secret), expiresAt: new Date(expiresAt).toISOString() });
  });
}
