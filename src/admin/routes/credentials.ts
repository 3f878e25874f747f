import type { FastifyInstance } from 'fastify';
import { renameCredential, revokeCredential } from '../../core/credentials/manage-credential.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { idParams, refusals } from '../schemas.ts';
import { credentialView } from '../views.ts';

/** One passkey or device key by Sigil's id: rename it, or revoke it (a lost phone). */
export async function credentialRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;
  const write = guard(core, 'credentials:write');

  app.patch<{ Params: { id: string }; Body: { name: string } }>(
    '/credentials/:id',
    {
      ...write,
      schema: {
        params: idParams,
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 128 } } },
        response: refusals,
      },
    },
    async (request) => {
      const { tenant, actor } = principalOf(request);
      return credentialView(await renameCredential(core, contextOf(request, actor), tenant, request.params.id, request.body.name));
    },
  );

  app.delete<{ Params: { id: string } }>('/credentials/:id', { ...write, schema: { params: idParams, response: refusals } }, async (request) => {
    const { tenant, actor } = principalOf(request);
    return credentialView(await revokeCredential(core, contextOf(request, actor), tenant, request.params.id));
  });
}
