import type { FastifyInstance } from 'fastify';
import { ensureAuthenticatorAllowed } from '../../../core/authenticator-rules/ensure-authenticator-allowed.ts';
import { finishPasskeyAuthentication } from '../../../core/ceremonies/finish-passkey-authentication.ts';
import { startPasskeyAuthentication } from '../../../core/ceremonies/start-passkey-authentication.ts';
import { recordClientDevice } from '../../../core/devices/record-client-device.ts';
import { fromBase64Url } from '../../../core/encoding.ts';
import type { Tenant } from '../../../core/tenant.ts';
import { normalizeUsername } from '../../../core/user.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { checkApp, saveCeremonyExtras, spendCeremony, takeCeremonyExtras } from '../ceremony-extras.ts';
import { crossAuthMethodsOf } from '../cross-auth-methods.ts';
import { issueLoginIdToken, SESSION_SCOPES } from '../issue-loginid-token.ts';
import { assertionResponseOf, base64UrlOf, deviceInfoOf } from '../mapping.ts';
import { authCompleteSchema, authInitSchema, type AuthCompleteBody, type AuthInitBody } from '../wire.ts';

/**
 * auth/init and auth/complete over the core's passkey login. A user with passkeys is told
 * `proceed`; a username without usable passkeys — unknown or not, alike — `crossAuth` with the
 * code methods the tenant can deliver, and stand-in assertion options that can only fail (the
 * web SDK always calls the authenticator with them). An empty username is a usernameless login.
 */
export function registerAuthenticationRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;

  const hasUsablePasskeys = async (tenant: Tenant, username: string): Promise<boolean> => {
    const found = await core.storage.credentials.listByUsername(tenant.id, normalizeUsername(username), 'passkey');
    return found !== null && found.user.status === 'active' && found.credentials.some((c) => c.status === 'active');
  };

  app.post<{ Body: AuthInitBody }>(
    '/fido2/v2/auth/init',
    { schema: { body: authInitSchema }, config: { rateLimit: { group: 'loginid-login', account: (r) => (r.body as AuthInitBody | undefined)?.user?.username } } },
    async (request) => {
      const { tenant, body } = request;
      checkApp(tenant, body.app);
      const username = body.user?.username.trim() ?? '';
      const proceed = username === '' || (await hasUsablePasskeys(tenant, username));
      const start = await startPasskeyAuthentication(core, tenant, username === '' ? {} : { username });
      await saveCeremonyExtras(core, tenant, start.session, deviceInfoOf(body.deviceInfo));
      return {
        action: proceed ? 'proceed' : 'crossAuth',
        assertionOptions: start.options,
        crossAuthMethods: proceed ? [] : crossAuthMethodsOf(services, tenant),
        fallbackMethods: [],
        session: start.session,
      };
    },
  );

  app.post<{ Body: AuthCompleteBody }>('/fido2/v2/auth/complete', { schema: { body: authCompleteSchema }, config: { rateLimit: { group: 'loginid-login' } } }, async (request) => {
    const { tenant, body } = request;
    const extras = await takeCeremonyExtras(core, tenant, body.session);
    const credentialId = fromBase64Url(base64UrlOf(body.assertionResult.credentialId), 'assertionResult.credentialId');
    const stored = await core.storage.credentials.getByCredentialId(tenant.id, credentialId);
    try {
      if (stored?.kind === 'passkey') await ensureAuthenticatorAllowed(core, tenant, stored.aaguid, 'authentication');
    } catch (error) {
      await spendCeremony(core, tenant, body.session, 'passkey.authentication');
      throw error;
    }
    const ctx = contextOf(request);
    const finish = await finishPasskeyAuthentication(core, ctx, tenant, body.session, assertionResponseOf(body.assertionResult));
    const device = await recordClientDevice(core, ctx, tenant, finish.user.id, extras.info, extras.claimedId);
    const token = await issueLoginIdToken(core, tenant, finish.user, { scopes: SESSION_SCOPES, amr: ['passkey'], credentialId: finish.credential.credentialId });
    return { jwtAccess: token.token, userId: finish.user.id, deviceId: device.id, passkeyId: finish.credential.id };
  });
}
