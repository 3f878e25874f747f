import { deletePasskey, renamePasskey } from '../../../core/accounts/manage-passkey.ts';
import { finishPasskeyRegistration } from '../../../core/ceremonies/finish-passkey-registration.ts';
import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { DomainError } from '../../../core/errors.ts';
import type { User } from '../../../core/user.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { authenticateAppUser } from '../callers.ts';
import { rememberCeremony, takeCeremony } from '../ceremony-index.ts';
import { AppKeyError } from '../errors.ts';
import { creationOptionsWire } from '../mapping.ts';
import { appKeyEnrollment } from '../passkey-placement.ts';
import { asMissingPasskey, asPasskeyRefusal } from '../passkey-refusal.ts';
import { userAnswer } from '../user-answer.ts';
import { credentialOf, requiredText } from '../wire.ts';

/**
 * The record id of the caller's active passkey named by `keyId` (the WebAuthn credential id,
 * base64url, as the SDKs send it); another user's, a revoked one or none is 614.
 */
async function passkeyIdOf(call: AppKeyCall, user: User): Promise<string> {
  const keyId = requiredText(call.body, 'keyId');
  if (!/^[A-Za-z0-9_-]{1,1400}={0,2}$/.test(keyId)) throw new AppKeyError(614, 'credential_not_found', 'keyId is not base64url');
  const found = await call.services.core.storage.credentials.getByCredentialId(call.tenant.id, new Uint8Array(Buffer.from(keyId, 'base64url')));
  if (found === null || found.kind !== 'passkey' || found.status !== 'active' || found.userId !== user.id) throw new AppKeyError(614, 'credential_not_found', 'not an active passkey of this user');
  return found.id;
}

export const PASSKEY_ROUTES: readonly AppKeyRoute[] = [
  {
    method: 'POST',
    name: 'addPasskey',
    async handle(call) {
      const { user } = await authenticateAppUser(call.services, call.request);
      const { options, session } = await startPasskeyRegistration(call.services.core, call.tenant, { username: user.username, displayName: user.displayName }, { bearerUserId: user.id, grant: null });
      await rememberCeremony(call.services.core, call.tenant, options.challenge, { kind: 'add-passkey', session, handle: user.username, data: {} });
      return creationOptionsWire(options, user.username);
    },
  },
  {
    method: 'POST',
    name: 'addPasskeyComplete',
    async handle(call) {
      const { user, accessToken, ctx } = await authenticateAppUser(call.services, call.request);
      const credential = credentialOf(call.body);
      const finish = await asPasskeyRefusal(
        (async () => {
          const ceremony = await takeCeremony(call.services.core, call.tenant, credential, 'add-passkey');
          if (ceremony.handle !== user.username) throw new DomainError('challenge_mismatch', { detail: 'the options were made for another user' });
          return finishPasskeyRegistration(call.services.core, ctx, call.tenant, ceremony.session, credential, appKeyEnrollment(call.request, user.displayName));
        })(),
      );
      // The JS SDK replaces its session with this answer: it carries the caller's own token.
      return userAnswer(call, finish.user, accessToken);
    },
  },
  {
    method: 'POST',
    name: 'updatePasskey',
    async handle(call) {
      const { user, accessToken, ctx } = await authenticateAppUser(call.services, call.request);
      const name = requiredText(call.body, 'keyName');
      const id = await passkeyIdOf(call, user);
      await asMissingPasskey(renamePasskey(call.services.core, ctx, call.tenant, id, user.id, name));
      return userAnswer(call, user, accessToken);
    },
  },
  {
    method: 'POST',
    name: 'removePasskey',
    async handle(call) {
      const { user, accessToken, ctx } = await authenticateAppUser(call.services, call.request);
      const id = await passkeyIdOf(call, user);
      await asMissingPasskey(deletePasskey(call.services.core, ctx, call.tenant, id, user.id, { keepLast: true }));
      return userAnswer(call, user, accessToken);
    },
  },
];
