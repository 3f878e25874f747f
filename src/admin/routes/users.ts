import type { FastifyInstance } from 'fastify';
import { issueRegistrationGrant } from '../../core/ceremonies/registration-grants.ts';
import { DomainError } from '../../core/errors.ts';
import { createUser } from '../../core/users/create-user.ts';
import { deleteUser } from '../../core/users/delete-user.ts';
import { getUserDetail } from '../../core/users/get-user-detail.ts';
import { listUsers } from '../../core/users/list-users.ts';
import { updateUser, type UserChanges } from '../../core/users/update-user.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { idParams, refusals } from '../schemas.ts';
import { credentialView, userDetailView, userView } from '../views.ts';

const email = { type: ['string', 'null'], maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const phone = { type: ['string', 'null'], pattern: '^\\+[1-9][0-9]{6,14}$' } as const;

/** Users: search, detail, create, change, disable, delete; and one-time grants to add a passkey. */
export async function userRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;
  const read = guard(core, 'users:read');
  const write = guard(core, 'users:write');
  const actor = (request: Parameters<typeof principalOf>[0]) => contextOf(request, principalOf(request).actor);

  app.get<{ Querystring: { query?: string; limit?: number; after?: string } }>(
    '/users',
    {
      ...read,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { query: { type: 'string', maxLength: 256 }, limit: { type: 'integer', minimum: 1, maximum: 200 }, after: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: refusals,
      },
    },
    async (request) => {
      const { query, limit = 50, after } = request.query;
      const page = await listUsers(core, principalOf(request).tenant, { limit, ...(query === undefined ? {} : { query }), ...(after === undefined ? {} : { after }) });
      return { users: page.users.map(userView), nextCursor: page.nextCursor };
    },
  );

  app.post<{ Body: { username: string; displayName?: string; email?: string | null; phone?: string | null } }>(
    '/users',
    {
      ...write,
      schema: {
        body: {
          type: 'object',
          required: ['username'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 256 }, displayName: { type: 'string', maxLength: 256 }, email, phone },
        },
        response: { ...refusals, 409: refusals[400] },
      },
    },
    async (request, reply) => {
      const user = await createUser(core, actor(request), principalOf(request).tenant, request.body);
      return reply.code(201).send(userView(user));
    },
  );

  app.get<{ Params: { id: string } }>('/users/:id', { ...read, schema: { params: idParams, response: refusals } }, async (request) =>
    userDetailView(await getUserDetail(core, principalOf(request).tenant, request.params.id)),
  );

  app.patch<{ Params: { id: string }; Body: UserChanges }>(
    '/users/:id',
    {
      ...write,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { displayName: { type: 'string', minLength: 1, maxLength: 256 }, email, phone, status: { enum: ['active', 'disabled'] } },
        },
        response: refusals,
      },
    },
    async (request) => userView(await updateUser(core, actor(request), principalOf(request).tenant, request.params.id, request.body)),
  );

  app.delete<{ Params: { id: string } }>('/users/:id', { ...write, schema: { params: idParams, response: refusals } }, async (request, reply) => {
    await deleteUser(core, actor(request), principalOf(request).tenant, request.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/users/:id/credentials', { ...guard(core, 'credentials:read'), schema: { params: idParams, response: refusals } }, async (request) => {
    const { tenant } = principalOf(request);
    if (!(await core.storage.users.getById(tenant.id, request.params.id))) throw new DomainError('user_not_found');
    const credentials = await core.storage.credentials.listByUser(tenant.id, request.params.id);
    return { credentials: credentials.map(credentialView) };
  });

  app.post<{ Params: { id: string } }>('/users/:id/registration-grants', { ...guard(core, 'grants:write'), schema: { params: idParams, response: refusals } }, async (request, reply) => {
    const { grant, expiresAt } = await issueRegistrationGrant(core, actor(request), principalOf(request).tenant, request.params.id);
    return reply.code(201).send({ grant, expiresAt: new Date(expiresAt).toISOString() });
  });
}
