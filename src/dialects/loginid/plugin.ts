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
import { loginIdSettingsOf } from './settings.ts';

/**
 * The LoginID FIDO2 API 2.0 (seed 003), wire-compatible, under `/fido2/v2`. A tenant without
 * LoginID settings has none of these routes (404 in LoginID's envelope). Every failure leaves as
 * `{msg, msgCode}` (errors.ts).
 */
async function loginIdPlugin(app: FastifyInstance, { services }: DialectOptions): Promise<void> {
  installErrorHandler(app, LOGINID_ERROR_TABLE, loginIdOpaque500);
  app.addHook('onRequest', async (request) => {
    loginIdSettingsOf(request.tenant);
  });
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

export const loginIdDialect: Dialect = { name: 'loginid', plugin: loginIdPlugin };
