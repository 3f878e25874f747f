import type { FastifyInstance } from 'fastify';
import { issueRegistrationGrant } from '../../core/ceremonies/registration-grants.ts';
import { DomainError } from '../../core/errors.ts';
import { createUser } from '../../core/users/create-user.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { requireApiKey } from '../require-api-key.ts';
import { userView } from '../views.ts';

const userIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

/** Users, and one-time grants that let a user add a passkey (a new or replacement device). */
export async function userRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;

  app.post<{ Body: { username: string; displayName?: string; email?: string; phone?: string } }>(
    '/users',
    {
      schema: {
        body: {
          type: 'object',
          required: ['username'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 256 },
            displayName: { type: 'string', maxLength: 256 },
            email: { type: 'string', maxLength: 320 },
            phone: { type: 'string', maxLength: 32 },
          },
        },
      },
    },
    async (request, reply) => {
      const { tenant, actor } = await requireApiKey(core, request, 'users:write');
      const user = await createUser(core, contextOf(request, actor), tenant, request.body);
      return reply.code(201).send(userView(user));
    },
  );

  app.get<{ Params: { id: string } }>('/users/:id', { schema: { params: userIdParams } }, async (request) => {
    const { tenant } = await requireApiKey(core, request, 'users:read');
    const user = await core.storage.users.getById(tenant.id, request.params.id);
    if (!user) throw new DomainError('user_not_found');
    return userView(user);
  });

  app.post<{ Params: { id: string } }>('/users/:id/registration-grants', { schema: { params: userIdParams } }, async (request, reply) => {
    const { tenant, actor } = await requireApiKey(core, request, 'grants:write');
    const { grant, expiresAt } = await issueRegistrationGrant(core, contextOf(request, actor), tenant, request.params.id);
    return reply.code(201).send({ grant, expiresAt: new Date(expiresAt).toISOString() });
  });
}
