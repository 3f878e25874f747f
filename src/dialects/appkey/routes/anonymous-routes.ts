import { createAccount } from '../../../core/accounts/create-account.ts';
import { verifyPendingRegistration } from '../../../core/ceremonies/verify-pending-registration.ts';
import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { DomainError } from '../../../core/errors.ts';
import { issueAccessToken } from '../../../core/tokens/issue-access-token.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { rememberCeremony, takeCeremony } from '../ceremony-index.ts';
import { AppKeyError, appKeyInputError } from '../errors.ts';
import { creationOptionsWire } from '../mapping.ts';
import { appKeyPlacement } from '../passkey-placement.ts';
import { asPasskeyRefusal } from '../passkey-refusal.ts';
import { optionalLocale } from '../profile-fields.ts';
import { userAnswer } from '../user-answer.ts';
import { credentialOf, requiredText } from '../wire.ts';

const ANONYMOUS_NAME = 'Anonymous';
const ANONYMOUS = /^ANON_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `ANON_<uuid>` (the uuid lower-cased); anything else is 600, and the app must allow it (414). */
function anonymousHandleOf(call: AppKeyCall): string {
  if (!call.settings.anonymousLogin) throw new AppKeyError(414, 'signup_disabled', 'anonymous login is off for this app');
  const match = ANONYMOUS.exec(requiredText(call.body, 'handle').trim());
  if (!match) throw appKeyInputError(600, 'not an ANON_<uuid> handle');
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
      const { options, session } = await startPasskeyRegistration(call.services.core, call.tenant, { username: handle, displayName: ANONYMOUS_NAME }, { bearerUserId: null, grant: null });
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
      const { core } = call.services;
      const ceremony = await asPasskeyRefusal(
        (async () => {
          const entry = await takeCeremony(core, call.tenant, credential, 'anonymous');
          if (entry.handle !== handle) throw new DomainError('challenge_mismatch', { detail: 'the completion names another handle' });
          return { locale: entry.data.locale, pending: await verifyPendingRegistration(core, ctx, call.tenant, entry.session, credential, appKeyPlacement(call.request, ANONYMOUS_NAME)) };
        })(),
      );
      const { pending } = ceremony;
      const locale = typeof ceremony.locale === 'string' ? ceremony.locale : null;
      // The user, its passkey and its profile in one unit of work (no code to wait for).
      const account = { userId: pending.userId, username: pending.username, displayName: pending.displayName, email: null, phone: null, contactVerified: false, locale, loginProvider: 'anonymous' as const, credential: pending.credential, external: null };
      const { user, profile } = await asPasskeyRefusal(createAccount(core, ctx, call.tenant, account));
      const token = await issueAccessToken(core, call.tenant, { userId: user.id, amr: ['passkey'], credentialId: pending.credential.credentialId });
      return userAnswer(call, user, token.token, profile);
    },
  },
];
