import { createAccount } from '../../../core/accounts/create-account.ts';
import { signInExternal } from '../../../core/accounts/sign-in-external.ts';
import { DomainError } from '../../../core/errors.ts';
import { issueAccessToken } from '../../../core/tokens/issue-access-token.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { SocialIdentity, SocialProvider } from '../../../idp/social-id-token-verifier.ts';
import type { AppKeyCall, AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { AppKeyError, appKeyInputError } from '../errors.ts';
import { contactOf, displayNameOf, optionalLocale } from '../profile-fields.ts';
import { userAnswer } from '../user-answer.ts';
import { handleOf, requiredText } from '../wire.ts';

/** `token` + `provider` verified against the provider's JWKS and the app's audience. */
async function identityOf(call: AppKeyCall): Promise<SocialIdentity> {
  await authenticateApp(call.services, call.request, call.settings);
  const provider = requiredText(call.body, 'provider').toLowerCase();
  if (provider !== 'google' && provider !== 'apple') throw appKeyInputError(602, 'unknown provider');
  const audience = provider === 'google' ? call.settings.googleClientId : call.settings.appleBundleId;
  if (audience === null) throw new AppKeyError(provider === 'google' ? 416 : 415, 'forbidden', `${provider} login is off for this app`);
  const token = requiredText(call.body, 'token');
  try {
    return await call.services.socialTokens.verify(provider as SocialProvider, token, audience, call.services.core.clock.now());
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'token_invalid' || error.code === 'token_expired')) throw new AppKeyError(613, error.code, error.detail);
    throw error;
  }
}

/** The account an identity is linked to and a session for it; none yet is 600 (user_not_found). */
async function logIn(call: AppKeyCall, identity: SocialIdentity) {
  const { user, profile, token } = await signInExternal(call.services.core, contextOf(call.request), call.tenant, identity);
  return userAnswer(call, user, token.token, profile);
}

export const SOCIAL_ROUTES: readonly AppKeyRoute[] = [
  { method: 'POST', name: 'socialLogin', handle: async (call) => logIn(call, await identityOf(call)) },
  // Re-proves ownership of the linked account with a fresh provider token (the SDKs decode a user).
  { method: 'POST', name: 'verifySocialAccount', handle: async (call) => logIn(call, await identityOf(call)) },
  {
    method: 'POST',
    name: 'socialSignup',
    async handle(call) {
      const identity = await identityOf(call);
      if (call.settings.signup !== 'open') throw new AppKeyError(407, 'signup_disabled');
      const { core } = call.services;
      if ((await core.storage.externalIdentities.findUserId(call.tenant.id, identity.issuer, identity.subject)) !== null) {
        throw new AppKeyError(identity.provider === 'apple' ? 611 : 612, 'username_taken', 'the identity already has an account');
      }
      const handle = handleOf(call.body);
      const contact = contactOf(handle, call.settings);
      const input = {
        userId: core.random.uuid(),
        username: handle,
        displayName: displayNameOf(call.body),
        ...contact,
        // The provider vouches for the address only when its token names this very address.
        contactVerified: identity.email !== null && identity.email === contact.email,
        locale: optionalLocale(call.body),
        loginProvider: identity.provider,
        credential: null,
        external: { issuer: identity.issuer, subject: identity.subject },
      };
      const { user, profile } = await createAccount(core, contextOf(call.request), call.tenant, input);
      const token = await issueAccessToken(core, call.tenant, { userId: user.id, amr: [] });
      return userAnswer(call, user, token.token, profile);
    },
  },
];
