import { createHash } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { DialectSettingsCodec } from '../dialect.ts';
import { invalidSettings, settingsObject } from '../settings-reader.ts';

export type AppKeySignup = 'open' | 'invite';
export type AppKeyHandleType = 'email' | 'phone' | 'both';

/**
 * One tenant's AppKey app (`Tenant.dialects.appkey`): what the mobile app's SDK is told by
 * `GET /app` and what the routes allow. The app token itself is never stored, only its SHA-256
 * (hex), compared in constant time.
 */
export interface AppKeySettings {
  readonly [key: string]: string | number | boolean | null;
  /** Null: no app token is configured, and every AppKey route refuses with code 400. */
  readonly appTokenHash: string | null;
  readonly signup: AppKeySignup;
  readonly anonymousLogin: boolean;
  readonly userNames: boolean;
  readonly handleType: AppKeyHandleType;
  /** Lifetime of the RS256 `jwt` of user objects (`userJWTExpiration`, hours). */
  readonly jwtTtlHours: number;
  /** Audience of Google ID tokens (the OAuth client id); null: Google login is off (416). */
  readonly googleClientId: string | null;
  /** Audience of Apple ID tokens (the app's bundle id); null: Apple login is off (415). */
  readonly appleBundleId: string | null;
}

const KNOWN = ['appTokenHash', 'signup', 'anonymousLogin', 'userNames', 'handleType', 'jwtTtlHours', 'googleClientId', 'appleBundleId'];
const SIGNUPS: readonly unknown[] = ['open', 'invite'] satisfies AppKeySignup[];
const HANDLE_TYPES: readonly unknown[] = ['email', 'phone', 'both'] satisfies AppKeyHandleType[];
const isAudience = (v: unknown): boolean => v === null || (typeof v === 'string' && v !== '');

/** Every problem of the settings at once, or none. */
function problemsOf(v: { readonly [key: string]: unknown }): string[] {
  const problems: string[] = [];
  if (v.appTokenHash !== null && (typeof v.appTokenHash !== 'string' || !/^[0-9a-f]{64}$/.test(v.appTokenHash))) problems.push('appTokenHash must be 64 lower-case hex digits or null');
  if (!SIGNUPS.includes(v.signup)) problems.push('signup must be open or invite');
  if (!HANDLE_TYPES.includes(v.handleType)) problems.push('handleType must be email, phone or both');
  if (!Number.isInteger(v.jwtTtlHours) || (v.jwtTtlHours as number) < 1 || (v.jwtTtlHours as number) > 8760) problems.push('jwtTtlHours must be an integer from 1 to 8760');
  for (const flag of ['anonymousLogin', 'userNames']) if (typeof v[flag] !== 'boolean') problems.push(`${flag} must be a boolean`);
  for (const name of ['googleClientId', 'appleBundleId']) if (!isAudience(v[name])) problems.push(`${name} must be a non-empty string or null`);
  return problems;
}

export const appKeySettings: DialectSettingsCodec<AppKeySettings> = {
  read(json) {
    const given = settingsObject('appkey', json, KNOWN);
    const v = { appTokenHash: null, signup: 'open', anonymousLogin: false, userNames: false, handleType: 'email', jwtTtlHours: 24, googleClientId: null, appleBundleId: null, ...given };
    const problems = problemsOf(v);
    if (problems.length > 0) throw invalidSettings('appkey', problems.join('; '));
    // Every field was checked by problemsOf, and no unknown key passed settingsObject.
    return v as AppKeySettings;
  },
  fromConfig: (config: Config) => ({
    appTokenHash: config.appKeyAppToken === null ? null : createHash('sha256').update(config.appKeyAppToken).digest('hex'),
    signup: config.appKeySignup,
    anonymousLogin: config.appKeyAnonymousLogin,
    userNames: config.appKeyUserNames,
    handleType: config.appKeyHandleType,
    jwtTtlHours: config.appKeyJwtTtlHours,
    googleClientId: config.appKeyGoogleClientId,
    appleBundleId: config.appKeyAppleBundleId,
  }),
  // The token's digest is a secret's stand-in: the management view says only whether one is set.
  view: ({ appTokenHash, ...rest }) => ({ ...rest, appTokenConfigured: appTokenHash !== null }),
};

/** The settings of a tenant the AppKey routes answer for (the dialect gate let the request in). */
export function appKeySettingsOf(tenant: Tenant): AppKeySettings {
  return appKeySettings.read(tenant.dialects.appkey ?? {});
}
