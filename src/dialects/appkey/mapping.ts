import type { UserProfile } from '../../core/accounts/user-profile.ts';
import type { CreationOptionsJSON, RequestOptionsJSON } from '../../core/ceremonies/passkey-options.ts';
import type { Credential, PasskeyCredential } from '../../core/credential.ts';
import { toBase64Url } from '../../core/encoding.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import { platformOfName } from './passkey-placement.ts';
import type { AppKeySettings } from './settings.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** One passkey as AKPasskey decodes it (every field required; dates as strings). */
export function authenticatorWire(credential: PasskeyCredential, user: User) {
  const platform = platformOfName(credential.name);
  return {
    id: toBase64Url(credential.credentialId),
    publicKey: toBase64Url(credential.publicKey),
    counter: credential.signCount,
    deviceType: credential.backupEligible ? 'multiDevice' : 'singleDevice',
    credentialBackedUp: credential.backupState,
    name: credential.name ?? `${user.displayName}-${platform}`,
    type: 'public-key',
    transports: credential.transports,
    platform,
    lastUsed: iso(credential.lastUsedAt ?? credential.createdAt),
    createdAt: iso(credential.createdAt),
    updatedAt: iso(credential.lastUsedAt ?? credential.createdAt),
  };
}

export interface UserObjectInput {
  readonly tenant: Tenant;
  readonly user: User;
  readonly profile: UserProfile | null;
  readonly credentials: readonly Credential[];
  readonly accessToken: string;
  readonly jwt: string;
}

/**
 * The user object (AKAppUser; the JS SDK keeps it as its session): every field the Swift
 * decoder requires, with `access-token` and `jwt` beside them.
 */
export function userObjectWire({ tenant, user, profile, credentials, accessToken, jwt }: UserObjectInput) {
  return {
    appId: tenant.id,
    appUserId: user.id,
    handle: user.username,
    displayName: user.displayName,
    status: user.status === 'active' ? 'active' : 'suspended',
    loginProvider: profile?.loginProvider ?? 'handle',
    userName: profile?.userName ?? null,
    locale: profile?.locale ?? 'EN',
    lastLogin: profile?.lastLoginAt == null ? null : iso(profile.lastLoginAt),
    authenticators: credentials.filter((c): c is PasskeyCredential => c.kind === 'passkey' && c.status === 'active').map((c) => authenticatorWire(c, user)),
    createdAt: iso(user.createdAt),
    updatedAt: iso(Math.max(user.updatedAt, profile?.updatedAt ?? 0)),
    'access-token': accessToken,
    jwt,
  };
}

/** The app record of `GET /app` (AKApplication). */
export function appRecordWire(tenant: Tenant, settings: AppKeySettings, appPublicKey: string, appToken: string) {
  return {
    appId: tenant.id,
    displayAppId: tenant.slug,
    name: tenant.rpName,
    userId: tenant.id,
    status: 'active',
    handleType: settings.handleType,
    emailExtension: false,
    appPublicKey,
    appToken,
    signup: settings.signup,
    anonymousLoginEnabled: settings.anonymousLogin,
    userNamesEnabled: settings.userNames,
    googleLoginEnabled: settings.googleClientId !== null,
    appleLoginEnabled: settings.appleBundleId !== null,
    firebaseLoginEnabled: false,
    googleClientId: settings.googleClientId,
    appleBundleId: settings.appleBundleId,
    relyPartyId: tenant.rpId,
    userJWTExpiration: settings.jwtTtlHours,
    locales: ['EN'],
    createdAt: new Date(tenant.createdAt).toISOString(),
    updatedAt: new Date(tenant.updatedAt).toISOString(),
  };
}

/** Creation options with AppKey's `user.handle` (AKSignupChallenge needs challenge and user). */
export function creationOptionsWire(options: CreationOptionsJSON, handle: string) {
  return { ...options, user: { ...options.user, handle } };
}

/** Request options with AppKey's `user` and `requireAddPasskey` (AKLoginChallenge). */
export function requestOptionsWire(options: RequestOptionsJSON, user: { id: string; name: string; displayName: string; handle: string }) {
  return { ...options, user, requireAddPasskey: false };
}
