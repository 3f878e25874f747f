import { DomainError } from '../../core/errors.ts';

export type AppKeySignup = 'open' | 'invite';
export type AppKeyHandleType = 'email' | 'phone' | 'both';

/**
 * One tenant's AppKey app: what the mobile app's SDK is told by `GET /app` and what the routes
 * allow. The app token itself is never stored, only its SHA-256 (hex), compared in constant time.
 */
export interface AppKeySettings {
  readonly appTokenHash: string;
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

const SIGNUPS: readonly AppKeySignup[] = ['open', 'invite'];
const HANDLE_TYPES: readonly AppKeyHandleType[] = ['email', 'phone', 'both'];

/**
 * Validates settings given as data (a tenant record, the management API): every problem at once,
 * as `invalid_request`. Absent optional fields take their defaults.
 */
export function parseAppKeySettings(raw: unknown): AppKeySettings {
  const v = (raw ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const hash = v.appTokenHash;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) problems.push('appTokenHash must be 64 lower-case hex digits');
  const signup = v.signup ?? 'open';
  if (!SIGNUPS.includes(signup as AppKeySignup)) problems.push('signup must be open or invite');
  const handleType = v.handleType ?? 'email';
  if (!HANDLE_TYPES.includes(handleType as AppKeyHandleType)) problems.push('handleType must be email, phone or both');
  const jwtTtlHours = v.jwtTtlHours ?? 24;
  if (!Number.isInteger(jwtTtlHours) || (jwtTtlHours as number) < 1 || (jwtTtlHours as number) > 8760) problems.push('jwtTtlHours must be an integer from 1 to 8760');
  for (const flag of ['anonymousLogin', 'userNames'] as const) {
    if (v[flag] !== undefined && typeof v[flag] !== 'boolean') problems.push(`${flag} must be a boolean`);
  }
  for (const name of ['googleClientId', 'appleBundleId'] as const) {
    if (v[name] !== undefined && v[name] !== null && (typeof v[name] !== 'string' || v[name] === '')) problems.push(`${name} must be a non-empty string or null`);
  }
  if (problems.length > 0) throw new DomainError('invalid_request', { detail: `appkey settings: ${problems.join('; ')}` });
  return Object.freeze({
    appTokenHash: hash as string,
    signup: signup as AppKeySignup,
    anonymousLogin: v.anonymousLogin === true,
    userNames: v.userNames === true,
    handleType: handleType as AppKeyHandleType,
    jwtTtlHours: jwtTtlHours as number,
    googleClientId: (v.googleClientId as string | null | undefined) ?? null,
    appleBundleId: (v.appleBundleId as string | null | undefined) ?? null,
  });
}
