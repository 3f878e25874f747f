import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** The version of the LoginID API this dialect serves. */
export const LOGINID_API_VERSION = { version: '2.0.0', hash: 'sigil' } as const;

/** The tenant's JWKS under LoginID's path (the same keys as `/.well-known/jwks.json`), and the version. */
export function registerMetaRoutes(app: FastifyInstance, services: Services): void {
  app.get('/fido2/v2/.well-known/jwks.json', async (request, reply) => {
    const jwks = await services.keyring.jwks(request.tenant.id);
    return reply.header('cache-control', 'public, max-age=300').send(jwks);
  });
  app.get('/fido2/v2/version', async () => LOGINID_API_VERSION);
}
