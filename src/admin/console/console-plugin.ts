import type { FastifyInstance, FastifyReply } from 'fastify';
import { installErrorHandler } from '../../http/error-table.ts';
import { SIGIL_ERROR_TABLE, sigilOpaque500 } from '../../http/sigil-errors.ts';
import type { Services } from '../../services.ts';
import { loadConsoleAssets, type Asset } from './console-assets.ts';
import { enrollmentRoutes } from './enrollment-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';

/**
 * What every console response says to the browser: only this origin's own scripts, styles and
 * calls; never framed; no referrer; nothing sniffed; nothing cached.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
} as const;

/** The admin console at `/console`: its page and modules, and its session API at `/console/api`. */
export async function consolePlugin(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  installErrorHandler(app, SIGIL_ERROR_TABLE, sigilOpaque500);
  const { own, webauthn } = loadConsoleAssets();
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  const send = (reply: FastifyReply, asset: Asset | undefined): FastifyReply => {
    if (asset === undefined) return reply.code(404).send({ error: { code: 'not_found', message: 'No such console file.' } });
    return reply.type(asset.type).send(asset.body);
  };
  app.get('/', (_request, reply) => send(reply, own.get('index.html')));
  app.get<{ Params: { '*': string } }>('/assets/*', (request, reply) => send(reply, own.get(request.params['*'])));
  app.get<{ Params: { '*': string } }>('/vendor/simplewebauthn/*', (request, reply) => send(reply, webauthn.get(request.params['*'])));

  await app.register(signInRoutes, { services: opts.services, prefix: '/api' });
  await app.register(enrollmentRoutes, { services: opts.services, prefix: '/api' });
}
