import type { FastifyInstance } from 'fastify';
import { aaguidOfAttestationObject } from '../../../core/authenticator-rules/aaguid-of-attestation.ts';
import { ensureAuthenticatorAllowed } from '../../../core/authenticator-rules/ensure-authenticator-allowed.ts';
import { finishPasskeyRegistration } from '../../../core/ceremonies/finish-passkey-registration.ts';
import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { recordClientDevice } from '../../../core/devices/record-client-device.ts';
import { fromBase64Url } from '../../../core/encoding.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { optionalLoginIdUser } from '../authenticate.ts';
import { checkApp, saveCeremonyExtras, spendCeremony, takeCeremonyExtras } from '../ceremony-extras.ts';
import { issueLoginIdToken, SESSION_SCOPES } from '../issue-loginid-token.ts';
import { base64UrlOf, deviceInfoOf, passkeyNameOf, registrationResponseOf } from '../mapping.ts';
import { regCompleteSchema, regInitSchema, type RegCompleteBody, type RegInitBody } from '../wire.ts';
import { InputError } from '../../input-error.ts';

/**
 * reg/init and reg/complete over the core's passkey registration. A new username signs up; an
 * existing user adds a passkey only with their own token holding `reg:write` (the native API's
 * rule). The passkey is enrolled via `loginid`, named, and stored with the device the client
 * describes in one unit of work.
 */
export function registerRegistrationRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;
  const metadata = core.passkeys.trust.metadata;

  app.post<{ Body: RegInitBody }>(
    '/fido2/v2/reg/init',
    { schema: { body: regInitSchema }, config: { rateLimit: { group: 'loginid-registration', account: (r) => (r.body as RegInitBody | undefined)?.user?.username } } },
    async (request) => {
      const { tenant, body } = request;
      checkApp(tenant, body.app);
      const caller = await optionalLoginIdUser(core, request, 'reg:write');
      const username = body.user?.username ?? caller?.user.username;
      if (username === undefined) throw new InputError('user is required without a user token.');
      const start = await startPasskeyRegistration(
        core,
        tenant,
        {
          username,
          ...(body.user?.displayName ? { displayName: body.user.displayName } : {}),
          ...(body.passkeyOptions?.securityKey ? { authenticatorSelection: { authenticatorAttachment: 'cross-platform' } } : {}),
        },
        { bearerUserId: caller?.user.id ?? null, grant: null },
      );
      await saveCeremonyExtras(core, tenant, start.session, deviceInfoOf(body.deviceInfo));
      return { action: 'proceed', registrationRequestOptions: start.options, session: start.session };
    },
  );

  app.post<{ Body: RegCompleteBody }>('/fido2/v2/reg/complete', { schema: { body: regCompleteSchema }, config: { rateLimit: { group: 'loginid-registration' } } }, async (request) => {
    const { tenant, body } = request;
    const ctx = contextOf(request);
    const extras = await takeCeremonyExtras(core, tenant, body.session);
    const aaguid = aaguidOfAttestationObject(fromBase64Url(base64UrlOf(body.creationResult.attestationObject), 'creationResult.attestationObject'));
    try {
      await ensureAuthenticatorAllowed(core, tenant, aaguid, 'registration');
    } catch (error) {
      await spendCeremony(core, tenant, body.session, 'passkey.registration');
      throw error;
    }
    const finish = await finishPasskeyRegistration(core, ctx, tenant, body.session, registrationResponseOf(body.creationResult), {
      enrolledVia: 'loginid',
      nameOf: (passkey) => passkeyNameOf(body.passkeyName, passkey.aaguid, metadata),
      // The device is recorded in the registration's unit of work: no passkey without it.
      alongside: (tx, user) => recordClientDevice(tx, ctx, tenant, user.id, extras.info, extras.claimedId),
    });
    const device = finish.alongside;
    const token = await issueLoginIdToken(core, tenant, finish.user, { scopes: SESSION_SCOPES, amr: ['passkey'], credentialId: finish.credential.credentialId });
    return { jwtAccess: token.token, userId: finish.user.id, deviceId: device.id, passkeyId: finish.credential.id };
  });
}
