import { createHash } from 'node:crypto';
import { createAccount } from '../../../core/accounts/create-account.ts';
import { decodePendingSignup, encodePendingSignup } from '../../../core/ceremonies/pending-signup-codec.ts';
import { verifyPendingRegistration } from '../../../core/ceremonies/verify-pending-registration.ts';
import { toBase64Url } from '../../../core/encoding.ts';
import { DomainError } from '../../../core/errors.ts';
import { deliverOneTimeCode } from '../../../core/one-time-codes/deliver-one-time-code.ts';
import { issueOneTimeCode } from '../../../core/one-time-codes/issue-one-time-code.ts';
import { verifyOneTimeCode } from '../../../core/one-time-codes/verify-one-time-code.ts';
import { issueAccessToken } from '../../../core/tokens/issue-access-token.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { appKeyPlacement } from '../passkey-placement.ts';
import { authenticateApp } from '../callers.ts';
import { takeCeremony } from '../ceremony-index.ts';
import { AppKeyError } from '../errors.ts';
import { asPasskeyRefusal } from '../passkey-refusal.ts';
import { contactOf } from '../profile-fields.ts';
import { userAnswer } from '../user-answer.ts';
import { credentialOf, handleOf, requiredText } from '../wire.ts';

const PURPOSE = 'appkey:signup';
const CODE_TTL_SECONDS = 600;
const MAX_WRONG_CODES = 5;

/** The code's subject: a digest of the signup token, which is itself never stored. */
const subjectOf = (signupToken: string): string => createHash('sha256').update(signupToken).digest('base64url');

function signupTokenOf(call: AppKeyCall): string {
  const token = call.request.headers['signup-token'];
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppKeyError(411, 'code_invalid', 'no or malformed signup-token');
  return token;
}

export const SIGNUP_CODE_ROUTES: readonly AppKeyRoute[] = [
  {
    // The attestation is verified now; nothing is created until the code comes back.
    method: 'POST',
    name: 'signupConfirm',
    async handle(call) {
      await authenticateApp(call.services, call.request, call.settings);
      const handle = handleOf(call.body);
      const contact = contactOf(handle, call.settings);
      const credential = credentialOf(call.body);
      const { core } = call.services;
      const ctx = contextOf(call.request);
      const { pending, locale } = await asPasskeyRefusal(
        (async () => {
          const ceremony = await takeCeremony(core, call.tenant, credential, 'signup');
          if (ceremony.handle !== handle) throw new DomainError('challenge_mismatch', { detail: 'the completion names another handle' });
          const displayName = typeof ceremony.data.displayName === 'string' ? ceremony.data.displayName : handle;
          const placement = appKeyPlacement(call.request, displayName);
          const verified = await verifyPendingRegistration(core, ctx, call.tenant, ceremony.session, credential, placement);
          return { pending: verified, locale: typeof ceremony.data.locale === 'string' ? ceremony.data.locale : null };
        })(),
      );
      const signupToken = toBase64Url(core.random.bytes(32));
      const data = encodePendingSignup(pending, { email: contact.email, phone: contact.phone, locale });
      const code = await issueOneTimeCode(core, ctx, call.tenant, { purpose: PURPOSE, subject: subjectOf(signupToken), ttlSeconds: CODE_TTL_SECONDS, maxAttempts: MAX_WRONG_CODES, data });
      const channel = contact.email !== null ? 'email' : 'sms';
      await deliverOneTimeCode(core, ctx, call.tenant, { channel, address: handle, code, purpose: PURPOSE });
      const message = channel === 'email' ? 'Please check your email for confirmation code.' : 'Please check your phone for confirmation code.';
      // Both SDKs read `signup-token`; AppKey's docs name it `signUpToken`.
      return { handle, message, 'signup-token': signupToken, signUpToken: signupToken };
    },
  },
  {
    method: 'POST',
    name: 'signupComplete',
    async handle(call) {
      const signupToken = signupTokenOf(call);
      const code = requiredText(call.body, 'code').trim();
      const { core } = call.services;
      const ctx = contextOf(call.request);
      const { data } = await verifyOneTimeCode(core, ctx, call.tenant, { purpose: PURPOSE, subject: subjectOf(signupToken), code });
      if (data === null) throw new DomainError('code_invalid', { detail: 'the code carried no sign-up' });
      const { pending, extra } = decodePendingSignup(data);
      const input = {
        userId: pending.userId,
        username: pending.username,
        displayName: pending.displayName,
        email: extra.email ?? null,
        phone: extra.phone ?? null,
        contactVerified: true,
        locale: extra.locale ?? null,
        loginProvider: 'handle' as const,
        credential: pending.credential,
        external: null,
      };
      const { user, profile } = await createAccount(core, ctx, call.tenant, input);
      const token = await issueAccessToken(core, call.tenant, { userId: user.id, amr: ['passkey', 'otp'], credentialId: pending.credential.credentialId });
      return userAnswer(call, user, token.token, profile);
    },
  },
];
