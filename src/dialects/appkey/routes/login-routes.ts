import { recordLogin } from '../../../core/accounts/profile-changes.ts';
import { finishPasskeyAuthentication } from '../../../core/ceremonies/finish-passkey-authentication.ts';
import { startPasskeyAuthentication } from '../../../core/ceremonies/start-passkey-authentication.ts';
import { DomainError } from '../../../core/errors.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { rememberCeremony, takeCeremony, type CeremonyKind } from '../ceremony-index.ts';
import { loginNameOf, standInUser } from '../login-name.ts';
import { requestOptionsWire } from '../mapping.ts';
import { userAnswer } from '../user-answer.ts';
import { credentialOf, handleOf } from '../wire.ts';

/** `login` / `verify`: request options for the handle (or user name); unknown ones get stand-ins. */
async function start(call: AppKeyCall, kind: CeremonyKind) {
  await authenticateApp(call.services, call.request, call.settings);
  const handle = handleOf(call.body);
  const username = await loginNameOf(call.services, call.tenant, call.settings, handle);
  const { options, session } = await startPasskeyAuthentication(call.services.core, call.tenant, { username });
  await rememberCeremony(call.services.core, call.tenant, options.challenge, { kind, session, handle, data: {} });
  return requestOptionsWire(options, standInUser(call.services, call.tenant, handle));
}

/** `loginComplete` / `verifyComplete`: the assertion, then the user object with a new access token. */
async function complete(call: AppKeyCall, kind: CeremonyKind) {
  await authenticateApp(call.services, call.request, call.settings);
  const handle = handleOf(call.body);
  const credential = credentialOf(call.body);
  const ceremony = await takeCeremony(call.services.core, call.tenant, credential, kind);
  if (ceremony.handle !== handle) throw new DomainError('credential_not_found', { detail: 'the completion names another handle than its options' });
  const finish = await finishPasskeyAuthentication(call.services.core, contextOf(call.request), call.tenant, ceremony.session, credential);
  const profile = await recordLogin(call.services.core, call.tenant, finish.user);
  return userAnswer(call, finish.user, finish.token.token, profile);
}

export const LOGIN_ROUTES: readonly AppKeyRoute[] = [
  { method: 'POST', name: 'login', handle: (call) => start(call, 'login') },
  { method: 'POST', name: 'loginComplete', handle: (call) => complete(call, 'login') },
  { method: 'POST', name: 'verify', handle: (call) => start(call, 'verify') },
  // Documented as `{valid}`; both SDKs decode a user object with a fresh access-token: both.
  { method: 'POST', name: 'verifyComplete', handle: async (call) => ({ ...(await complete(call, 'verify')), valid: true }) },
];
