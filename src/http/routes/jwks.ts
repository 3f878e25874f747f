import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

/** The tenant's public signing keys, for backends that verify Sigil's access tokens. */
export async function jwksRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  app.get('/.well-known/jwks.json', async (request, reply) => {
    const jwks = await opts.services.keyring.jwks(request.tenant.id);
    return reply.header('cache-control', 'public, max-age=300').send(jwks);
  });
}
