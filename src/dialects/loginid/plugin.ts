import type { FastifyInstance } from 'fastify';
import { installErrorHandler } from '../../http/error-table.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { LOGINID_ERROR_TABLE, loginIdOpaque500 } from './errors.ts';
import { registerAuthenticationRoutes } from './routes/authentication-routes.ts';
import { registerMetaRoutes } from './routes/meta-routes.ts';
import { registerMgmtAccountRoutes } from './routes/mgmt-account-routes.ts';
import { registerMgmtPasskeyRoutes } from './routes/mgmt-passkey-routes.ts';
import { registerMgmtTokenRoutes } from './routes/mgmt-token-routes.ts';
import { registerOtpRoutes } from './routes/otp-routes.ts';
import { registerPasskeyRoutes } from './routes/passkey-routes.ts';
import { registerProfileRoutes } from './routes/profile-routes.ts';
import { registerRegistrationRoutes } from './routes/registration-routes.ts';
import { registerTransactionRoutes } from './routes/transaction-routes.ts';
import { loginIdSettings } from './settings.ts';

/**
 * The LoginID FIDO2 API 2.0 (seed 003), wire-compatible, under `/fido2/v2`, for tenants that
 * enable `loginid` (with their LoginID app id); elsewhere every route is a 404 in LoginID's
 * envelope (the shared dialect gate). Every failure leaves as `{msg, msgCode}` (errors.ts).
 */
async function loginIdPlugin(app: FastifyInstance, { services }: DialectOptions): Promise<void> {
  installErrorHandler(app, LOGINID_ERROR_TABLE, loginIdOpaque500);
  registerRegistrationRoutes(app, services);
  registerAuthenticationRoutes(app, services);
  registerOtpRoutes(app, services);
  registerProfileRoutes(app, services);
  registerTransactionRoutes(app, services);
  registerPasskeyRoutes(app, services);
  registerMgmtTokenRoutes(app, services);
  registerMgmtAccountRoutes(app, services);
  registerMgmtPasskeyRoutes(app, services);
  registerMetaRoutes(app, services);
}

export const loginIdDialect: Dialect = {
  name: 'loginid',
  plugin: loginIdPlugin,
  routes: [
    'POST /fido2/v2/reg/init',
    'POST /fido2/v2/reg/complete',
    'POST /fido2/v2/auth/init',
    'POST /fido2/v2/auth/complete',
    'POST /fido2/v2/auth/otp',
    'POST /fido2/v2/auth/otp/email',
    'POST /fido2/v2/auth/otp/sms',
    'POST /fido2/v2/auth/otp/verify',
    'DELETE /fido2/v2/profile/:id',
    'POST /fido2/v2/profile/:id/email',
    'DELETE /fido2/v2/profile/:id/email',
    'POST /fido2/v2/profile/:id/phone',
    'DELETE /fido2/v2/profile/:id/phone',
    'POST /fido2/v2/profile/email/verify',
    'POST /fido2/v2/profile/phone/verify',
    'POST /fido2/v2/tx/init',
    'POST /fido2/v2/tx/complete',
    'GET /fido2/v2/passkeys',
    'PUT /fido2/v2/passkeys/:id',
    'DELETE /fido2/v2/passkeys/:id',
    'GET /fido2/v2/passkeys/aaguid/:aaguid',
    'POST /fido2/v2/mgmt/grant',
    'POST /fido2/v2/mgmt/token/verify',
    'POST /fido2/v2/mgmt/discover',
    'GET /fido2/v2/mgmt/users',
    'DELETE /fido2/v2/mgmt/users/:id',
    'DELETE /fido2/v2/mgmt/users/:id/devices',
    'DELETE /fido2/v2/mgmt/users/:id/passkeys',
    'GET /fido2/v2/mgmt/devices/:id',
    'DELETE /fido2/v2/mgmt/devices/:id',
    'GET /fido2/v2/mgmt/passkeys/:id',
    'PUT /fido2/v2/mgmt/passkeys/:id',
    'DELETE /fido2/v2/mgmt/passkeys/:id',
    'GET /fido2/v2/mgmt/aaguid/blacklist',
    'PUT /fido2/v2/mgmt/aaguid/blacklist',
    'POST /fido2/v2/mgmt/aaguid/blacklist',
    'DELETE /fido2/v2/mgmt/aaguid/blacklist',
    'DELETE /fido2/v2/mgmt/aaguid/blacklist/all',
    'GET /fido2/v2/mgmt/aaguid/:aaguid',
    'GET /fido2/v2/.well-known/jwks.json',
    'GET /fido2/v2/version',
  ],
  settings: loginIdSettings,
};
