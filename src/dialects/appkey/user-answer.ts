import { profileOf } from '../../core/accounts/profile-changes.ts';
import type { UserProfile } from '../../core/accounts/user-profile.ts';
import type { User } from '../../core/user.ts';
import { signAppJwt } from './app-jwt.ts';
import type { AppKeyCall } from './appkey-route.ts';
import { userObjectWire } from './mapping.ts';

/** The user object for `user`, with `accessToken` and a fresh RS256 `jwt`. */
export async function userAnswer(call: AppKeyCall, user: User, accessToken: string, profile?: UserProfile) {
  const { services, tenant, settings } = call;
  const current = profile ?? (await profileOf(services.core, tenant, user));
  const credentials = await services.core.storage.credentials.listByUser(tenant.id, user.id, 'passkey');
  const jwt = await signAppJwt(services, tenant, settings, user, current);
  return userObjectWire({ tenant, user, profile: current, credentials, accessToken, jwt });
}
