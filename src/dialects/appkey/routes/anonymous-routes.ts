import { recordLogin, setLocale } from '../../../core/accounts/profile-changes.ts';
import { finishPasskeyRegistration } from '../../../core/ceremonies/finish-passkey-registration.ts';
import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { DomainError } from '../../../core/errors.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { rememberCeremony, takeCeremony } from '../ceremony-index.ts';
import { AppKeyError } from '../errors.ts';
import { creationOptionsWire } from '../mapping.ts';
import { asPasskeyRefusal } from '../passkey-refusal.ts';
import { optionalLocale } from '../profile-fields.ts';
import { userAnswer } from '../user-answer.ts';
import { credentialOf, requiredText } from '../wire.ts';

const ANONYMOUS = /^ANON_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `ANON_<uuid>` (the uuid lower-cased); anything else is 600, and the app must allow it (414). */
function anonymousHandleOf(call: AppKeyCall): string {
  if (!call.settings.anonymousLogin) throw new AppKeyError(414, 'signup_disabled', 'anonymous login is off for this app');
  const match = ANONYMOUS.exec(requiredText(call.body, 'handle').trim());
  if (!match) throw new AppKeyError(600, 'invalid_request', 'not an ANON_<uuid> handle');
  return `ANON_${(match[1] as string).toLowerCase()}`;
}

/** Anonymous accounts: a passkey made for a random handle, with no code to confirm. */
export const ANONYMOUS_ROUTES: readonly AppKeyRoute[] = [
  {
    method: 'POST',
    name: 'loginAnonymous',
    async handle(call) {
      await authenticateApp(call.services, call.request, call.settings);
      const handle = anonymousHandleOf(call);
      const locale = optionalLocale(call.body);
      const { options, session } = await startPasskeyRegistration(call.services.core, call.tenant, { username: handle, displayName: 'Anonymous' }, { bearerUserId: null, grant: null });
      await rememberCeremony(call.services.core, call.tenant, options.challenge, { kind: 'anonymous', session, handle, data: { locale } });
      return creationOptionsWire(options, handle);
    },
  },
  {
    method: 'POST',
    name: 'loginAnonymousComplete',
    async handle(call) {
      await authenticateApp(call.services, call.request, call.settings);
      const handle = anonymousHandleOf(call);
      const credential = credentialOf(call.body);
      const ctx = contextOf(call.request);
      const finish = await asPasskeyRefusal(
        (async () => {
          const ceremony = await takeCeremony(call.services.core, call.tenant, credential, 'anonymous');
          if (ceremony.handle !== handle) throw new DomainError('challenge_mismatch', { detail: 'the completion names another handle' });
          const done = await finishPasskeyRegistration(call.services.core, ctx, call.tenant, ceremony.session, credential);
          if (typeof ceremony.data.locale === 'string') await setLocale(call.services.core, ctx, call.tenant, done.user, ceremony.data.locale);
          return done;
        })(),
      );
      const profile = await recordLogin(call.services.core, call.tenant, finish.user, 'anonymous');
      return userAnswer(call, finish.user, finish.token.token, profile);
    },
  },
];
