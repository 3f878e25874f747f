import type { FastifyInstance } from 'fastify';
import { openAccount } from '../../../core/accounts/open-account.ts';
import { recordAudit } from '../../../core/audit.ts';
import { startPasskeyAuthentication } from '../../../core/ceremonies/start-passkey-authentication.ts';
import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { verifyAccessToken } from '../../../core/tokens/verify-access-token.ts';
import { normalizeUsername } from '../../../core/user.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdManager } from '../authenticate.ts';
import { saveCeremonyExtras } from '../ceremony-extras.ts';
import { issueLoginIdToken } from '../issue-loginid-token.ts';
import { deviceInfoOf, iso } from '../mapping.ts';
import { discoverSchema, grantSchema, tokenVerifySchema, type DiscoverBody, type GrantBody } from '../wire.ts';
import { InputError } from '../../input-error.ts';

/** Tokens minted and checked by the app's backend, and passkey discovery (management API key). */
export function registerMgmtTokenRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;

  app.post<{ Body: GrantBody }>('/fido2/v2/mgmt/grant', { schema: { body: grantSchema } }, async (request) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'grants:write');
    const { grants, username } = request.body;
    // A token is always some user's: LoginID's optional username has no meaning without one here.
    if (username === undefined) throw new InputError('username is required.');
    // LoginID backends grant `reg:write` for a username before its first passkey (the web SDK's
    // authzToken for createPasskey): the key vouches for the account, which is opened here.
    const user = await openAccount(core, ctx, request.tenant, username);
    const scopes = [...new Set(grants)];
    const token = await issueLoginIdToken(core, request.tenant, user, { scopes, amr: [] });
    await recordAudit(core, ctx, { tenantId: request.tenant.id, action: 'token.granted', subject: `user:${user.id}`, detail: { scopes, jti: token.claims.jti } });
    return { token: token.token };
  });

  app.post<{ Body: { jwtAccess: string } }>('/fido2/v2/mgmt/token/verify', { schema: { body: tokenVerifySchema } }, async (request, reply) => {
    await authenticateLoginIdManager(core, request, 'users:read');
    await verifyAccessToken(core, request.tenant, request.body.jwtAccess);
    return reply.code(204).send();
  });

  // Whether a user can log in with a passkey, with ready options for either next step.
  app.post<{ Body: DiscoverBody }>('/fido2/v2/mgmt/discover', { schema: { body: discoverSchema } }, async (request) => {
    await authenticateLoginIdManager(core, request, 'users:read');
    const { tenant, body } = request;
    const username = normalizeUsername(body.user.username);
    const found = await core.storage.credentials.listByUsername(tenant.id, username, 'passkey');
    const passkeys = found?.credentials.filter((c) => c.status === 'active') ?? [];
    const extras = deviceInfoOf(body.deviceInfo);
    if (found !== null && passkeys.length > 0) {
      const start = await startPasskeyAuthentication(core, tenant, { username });
      await saveCeremonyExtras(core, tenant, start.session, extras);
      const devices = await core.storage.clientDevices.listByUser(tenant.id, found.user.id);
      const last = devices[0];
      return {
        matchResult: 'PasskeyFound',
        userId: found.user.id,
        authRequestOptions: start.options,
        session: start.session,
        ...(last ? { lastLoginDeviceId: last.id, lastLoginTs: iso(last.lastUsedAt) } : {}),
      };
    }
    // The management key vouches for adding a passkey to an existing user.
    const start = await startPasskeyRegistration(core, tenant, { username, ...(body.user.displayName ? { displayName: body.user.displayName } : {}) }, { bearerUserId: found?.user.id ?? null, grant: null });
    await saveCeremonyExtras(core, tenant, start.session, extras);
    return { matchResult: found === null ? 'UserNotFound' : 'PasskeyNotFound', ...(found ? { userId: found.user.id } : {}), regRequestOptions: start.options, session: start.session };
  });
}
