import type { FastifyInstance } from 'fastify';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../core/api-key.ts';
import { issueApiKey, revokeApiKey } from '../../core/api-keys/issue-api-key.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { idParams, refusals } from '../schemas.ts';
import { apiKeyView } from '../views.ts';

/**
 * The tenant's API keys. Managing keys is itself a privilege: listing needs `api-keys:read`,
 * issuing and revoking `api-keys:write`, and a key issues only scopes it holds.
 */
export async function apiKeyRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;
  const write = guard(core, 'api-keys:write');

  app.get('/api-keys', { ...guard(core, 'api-keys:read'), schema: { response: refusals } }, async (request) => {
    const keys = await core.storage.apiKeys.listByTenant(principalOf(request).tenant.id);
    return { apiKeys: keys.map(apiKeyView) };
  });

  app.post<{ Body: { name: string; scopes: (ApiKeyScope | '*')[]; expiresAt?: string } }>(
    '/api-keys',
    {
      ...write,
      schema: {
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 128 },
            scopes: { type: 'array', minItems: 1, maxItems: API_KEY_SCOPES.length + 1, items: { enum: ['*', ...API_KEY_SCOPES] } },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        response: refusals,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { name, scopes, expiresAt } = request.body;
      const { apiKey, secret } = await issueApiKey(core, contextOf(request, principal.actor), principal, {
        name,
        scopes,
        expiresAt: expiresAt === undefined ? null : Date.parse(expiresAt),
      });
      return reply.code(201).send({ apiKey: apiKeyView(apiKey), secret });
    },
  );

  app.delete<{ Params: { id: string } }>('/api-keys/:id', { ...write, schema: { params: idParams, response: refusals } }, async (request) => {
    const { tenant, actor } = principalOf(request);
    return apiKeyView(await revokeApiKey(core, contextOf(request, actor), tenant, request.params.id));
  });
}
