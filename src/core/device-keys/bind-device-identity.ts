import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { authorizeEnrollment, type EnrollmentAuthority } from './authorize-enrollment.ts';
import type { DeviceKeyDescription } from './device-key-credential.ts';
import { identityCredentialIdsOf, identityCredentialsOf, type DeviceIdentity } from './device-identity.ts';
import { revokeDeviceCredentials } from './revoke-device-credentials.ts';

/** `unchanged`: this key was already enrolled for this user and device (a retried request). */
export type EnrollmentOutcome = 'created' | 'unchanged' | 'replaced';

export interface EnrolledDeviceKey {
  readonly user: User;
  /** The record that proves possession: the device key, or the WebAuthn credential. */
  readonly credential: Credential;
  readonly outcome: EnrollmentOutcome;
}

/**
 * Binds a device identity to (tenant, user, device id). What it claims is bound to one user and
 * one device for good: bound elsewhere, or revoked, it is `credential_conflict`; the same key
 * again on the same device is a retry, answered `unchanged`. A user the caller did not just
 * create needs `authority` (see `authorizeEnrollment`), and then the identity replaces the
 * device's previous credentials, which are revoked and audited, never overwritten.
 */
export async function bindDeviceIdentity(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  account: { readonly user: User; readonly created: boolean },
  identity: DeviceIdentity,
  description: DeviceKeyDescription,
  authority: EnrollmentAuthority,
): Promise<EnrolledDeviceKey> {
  const { user, created } = account;
  for (const id of identityCredentialIdsOf(identity)) {
    const existing = await deps.storage.credentials.getByCredentialId(tenant.id, id);
    if (existing === null) continue;
    const same = existing.userId === user.id && existing.deviceId === description.deviceId && existing.status === 'active';
    if (same && identity.kind === 'key') return { user, credential: existing, outcome: 'unchanged' };
    throw new DomainError('credential_conflict', { detail: existing.userId === user.id ? 'already enrolled, revoked or on another device' : 'bound to another user' });
  }
  if (!created) await authorizeEnrollment(deps, ctx, tenant, user, authority);
  const replaced = created ? [] : await revokeDeviceCredentials(deps, ctx, tenant, { userId: user.id, deviceId: description.deviceId }, 'replaced');
  const [credential, ...beside] = identityCredentialsOf(deps, tenant, user.id, identity, description);
  if (credential === undefined) throw new RangeError('an identity is held by at least one record');
  for (const record of [credential, ...beside]) await deps.storage.credentials.create(record);
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'device-key.enrolled',
    subject: `user:${user.id}`,
    detail: {
      credential: credential.id,
      deviceId: description.deviceId,
      algorithm: identity.kind === 'key' ? identity.key.algorithm : credential.algorithm,
      webauthn: identity.kind === 'webauthn',
      authority: created ? 'sign-up' : authority.kind,
      replaced: replaced.length,
    },
  });
  return { user, credential, outcome: replaced.length > 0 ? 'replaced' : 'created' };
}
