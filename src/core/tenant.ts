import { DomainError } from './errors.ts';
import type { TenantDialects } from './tenant-dialects.ts';

export type UserVerificationPolicy = 'required' | 'preferred' | 'discouraged';
export type AttestationPreference = 'none' | 'indirect' | 'direct' | 'enterprise';

/** How ceremonies behave for one relying party. */
export interface TenantPolicies {
  readonly userVerification: UserVerificationPolicy;
  readonly attestation: AttestationPreference;
  /** COSE algorithm identifiers in preference order; the first is offered first. */
  readonly algorithms: readonly number[];
  readonly challengeTtlSeconds: number;
  readonly accessTokenTtlSeconds: number;
  /** A new username may create an account through a registration ceremony. */
  readonly allowSignUp: boolean;
  /**
   * Lets anyone start a passkey registration for an existing username without a token or
   * grant. Needed only to run the FIDO conformance tool; never enable it in production.
   */
  readonly insecureOpenRegistrationForExistingUsers: boolean;
  /**
   * Accepts login assertions whose authenticator data lacks the UP (user present) flag, which
   * WebAuthn §7.2 forbids. Needed only to run the FIDO conformance tool (GetAssertion Resp-3
   * P-4 and P-7 send neither UP nor UV, P-2 and P-6 may send UV alone); never enable it in
   * production. UV is still checked where the options required it.
   */
  readonly insecureAllowLoginWithoutUserPresence: boolean;
}

/** A trusted external OpenID provider whose access tokens the tenant accepts. */
export interface IdentityProviderSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export interface FaceTecSettings {
  readonly url: string;
  readonly deviceKey: string;
  readonly minMatchLevel: number;
}

/** Services outside Sigil the tenant relies on, whatever dialects it serves. */
export interface TenantIntegrations {
  readonly identityProvider: IdentityProviderSettings | null;
  readonly faceTec: FaceTecSettings | null;
}

/** A disabled tenant keeps its data, but its public routes answer `tenant_not_found` and its API keys are refused. */
export type TenantStatus = 'active' | 'disabled';

export interface Tenant {
  readonly id: string;
  /** URL-safe name used in the per-tenant prefix `/t/<slug>/`. */
  readonly slug: string;
  readonly rpId: string;
  readonly rpName: string;
  readonly origins: readonly string[];
  readonly policies: TenantPolicies;
  readonly integrations: TenantIntegrations;
  /** The dialects (APIs) this tenant serves, each with its own settings; absent = not served. */
  readonly dialects: TenantDialects;
  /** Absent on tenants built before statuses existed: active. */
  readonly status?: TenantStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const DEFAULT_TENANT_SLUG = 'default';

export function isTenantActive(tenant: Pick<Tenant, 'status'>): boolean {
  return tenant.status !== 'disabled';
}

export const DEFAULT_POLICIES: TenantPolicies = Object.freeze({
  userVerification: 'preferred',
  attestation: 'none',
  algorithms: Object.freeze([-7, -8, -257, -37, -35, -36, -48, -49, -50, -38, -39, -258, -259, -65535]),
  challengeTtlSeconds: 300,
  accessTokenTtlSeconds: 900,
  allowSignUp: true,
  insecureOpenRegistrationForExistingUsers: false,
  insecureAllowLoginWithoutUserPresence: false,
});

export const DEFAULT_INTEGRATIONS: TenantIntegrations = Object.freeze({
  identityProvider: null,
  faceTec: null,
});

/** A tenant created without naming dialects serves Sigil's native API only: secure by default. */
export const DEFAULT_DIALECTS: TenantDialects = Object.freeze({ native: Object.freeze({}) });

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ANDROID_ORIGIN = /^android:apk-key-hash:[A-Za-z0-9_-]{43}$/;
const IOS_ORIGIN = /^ios:bundle-id:[A-Za-z0-9.-]+$/;

/** An origin is a web origin (scheme://host[:port], no path) or a native-app origin. */
export function isValidOrigin(value: string): boolean {
  if (ANDROID_ORIGIN.test(value) || IOS_ORIGIN.test(value)) return true;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return url.origin === value;
}

export function isValidSlug(value: string): boolean {
  return SLUG.test(value);
}

/** RP IDs are registrable domains (or `localhost`): lower-case labels, no scheme or port. */
export function isValidRpId(value: string): boolean {
  return /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value);
}

export function validateTenantShape(t: Pick<Tenant, 'slug' | 'rpId' | 'origins' | 'policies'>): void {
  const problems: string[] = [];
  if (!isValidSlug(t.slug)) problems.push(`slug ${JSON.stringify(t.slug)} is not a lower-case DNS label`);
  if (!isValidRpId(t.rpId)) problems.push(`rpId ${JSON.stringify(t.rpId)} is not a domain name`);
  if (t.origins.length === 0) problems.push('origins must not be empty');
  for (const o of t.origins) if (!isValidOrigin(o)) problems.push(`origin ${JSON.stringify(o)} is not a valid origin`);
  const p = t.policies;
  if (!Number.isInteger(p.challengeTtlSeconds) || p.challengeTtlSeconds < 10 || p.challengeTtlSeconds > 3600) {
    problems.push('challengeTtlSeconds must be an integer between 10 and 3600');
  }
  if (!Number.isInteger(p.accessTokenTtlSeconds) || p.accessTokenTtlSeconds < 30 || p.accessTokenTtlSeconds > 86400) {
    problems.push('accessTokenTtlSeconds must be an integer between 30 and 86400');
  }
  if (p.algorithms.length === 0) problems.push('algorithms must not be empty');
  if (problems.length > 0) throw new DomainError('invalid_request', { detail: problems.join('; ') });
}
