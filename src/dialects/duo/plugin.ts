import type { FastifyInstance } from 'fastify';
import { installErrorHandler } from '../../http/error-table.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { acceptEmptyJsonBodies } from '../../http/accept-empty-json.ts';
import { DUO_ERROR_TABLE, duoOpaque500 } from './errors.ts';
import { registerAccountRoutes } from './routes/account-routes.ts';
import { registerFaceRoutes } from './routes/face-routes.ts';
import { registerHookRoutes } from './routes/hook-routes.ts';
import { registerKeyshareRoutes } from './routes/keyshare-routes.ts';
import { registerWalletRoutes } from './routes/wallet-routes.ts';
import { duoSettings } from './settings.ts';

/**
 * Silence Laboratories' Duo auth service (seed 001), wire-compatible: the phone's routes behind
 * the identity provider's JWT, and the MPC node's hooks behind the tenant's hook secret. Every
 * failure leaves as `{"error": {"code": <6-digit>, "message"}}` (errors.ts).
 */
async function duoPlugin(app: FastifyInstance, { services }: DialectOptions): Promise<void> {
  installErrorHandler(app, DUO_ERROR_TABLE, duoOpaque500);
  acceptEmptyJsonBodies(app);
  registerAccountRoutes(app, services);
  registerFaceRoutes(app, services);
  registerWalletRoutes(app, services);
  registerKeyshareRoutes(app, services);
  registerHookRoutes(app, services);
}

export const duoDialect: Dialect = {
  name: 'duo',
  plugin: duoPlugin,
  routes: [
    'POST /auth/users/register',
    'GET /auth/devices/challenge/*',
    'POST /auth/devices/register',
    'POST /auth/face/register',
    'GET /v2/face',
    'GET /v2/keys',
    'GET /v2/devices',
    'GET /transactions',
    'POST /v2/keyshare/backup',
    'POST /v2/keyshare/recover',
    'POST /hooks/dkg-setup-validation',
    'POST /hooks/key-id-notification',
    'POST /hooks/dsg-setup-validation',
  ],
  settings: duoSettings,
};
