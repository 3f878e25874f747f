import type { FastifyInstance } from 'fastify';
import { revokeAccessToken } from '../../core/tokens/revoke-access-token.ts';
import { verifyAccessToken } from '../../core/tokens/verify-access-token.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';

/** Revokes one of the tenant's access tokens before it expires (a lost device, a logout). */
export async function tokenRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;
  app.post<{ Body: { token: string } }>(
    '/tokens/revoke',
    { ...guard(core, 'users:write'), schema: { body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token: { type: 'string', minLength: 1, maxLength: 8192 } } } } },
    async (request, reply) => {
      const { tenant, actor } = principalOf(request);
      const claims = await verifyAccessToken(core, tenant, request.body.token);
      await revokeAccessToken(core, contextOf(request, actor), tenant, claims);
      return reply.code(204).send();
    },
  );
}
