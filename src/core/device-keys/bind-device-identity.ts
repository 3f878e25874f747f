import { recordAudit } from '../audit.ts';
import type { Credential, DeviceKeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import { authorizeEnrollment, type EnrollmentAuthority } from './authorize-enrollment.ts';
import type { DeviceKeyDescription } from './device-key-credential.ts';
import { identityCredentialIdsOf, identityCredentialsOf, type DeviceIdentity } from './device-identity.ts';
import type { FoundAccount } from './find-or-sign-up-account.ts';
import { revokeDeviceCredentials } from './revoke-device-credentials.ts';

/** `unchanged`: this key was already enrolled for this user and device (a retried request). */
export type EnrollmentOutcome = 'created' | 'unchanged' | 'replaced';

export interface EnrolledDeviceKey<C extends Credential = DeviceKeyCredential> {
  readonly user: User;
  /** The record that proves possession: the device key, or the WebAuthn credential. */
  readonly credential: C;
  readonly outcome: EnrollmentOutcome;
}

/**
 * Binds a device identity to (tenant, user, device id). What it claims is bound to one user and
 * one device for good: bound elsewhere, or revoked, it is `credential_conflict`; the same key
 * again on the same device is a retry, answered `unchanged`. An existing user needs `authority`
 * (see `authorizeEnrollment`), and then the identity replaces the device's previous credentials
 * of the same dialect, which are revoked and audited, never overwritten. The sign-up, the
 * replacement, the new records and the audit are one unit of work: a signed-up user is never
 * left without its identity, and racing enrollments of one device leave one active key.
 */
export async function bindDeviceIdentity(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  found: FoundAccount,
  identity: DeviceIdentity,
  description: DeviceKeyDescription,
  authority: EnrollmentAuthority,
): Promise<EnrolledDeviceKey<Credential>> {
  for (const id of identityCredentialIdsOf(identity)) {
    const existing = await deps.storage.credentials.getByCredentialId(tenant.id, id);
    if (existing === null) continue;
    // findAccount signs nobody up for an identity already bound: then the account exists.
    const user = 'user' in found ? found.user : null;
    const same = user !== null && existing.userId === user.id && existing.deviceId === description.deviceId && existing.status === 'active';
    if (same && existing.kind === 'device_key' && identity.kind === 'key') return { user, credential: existing, outcome: 'unchanged' };
    throw new DomainError('credential_conflict', { detail: existing.userId === user?.id ? 'already enrolled, revoked or on another device' : 'bound to another user' });
  }
  if ('user' in found) await authorizeEnrollment(deps, ctx, tenant, found.user, authority);
  return deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const user = 'user' in found ? found.user : await createUser(tx, ctx, tenant, { username: found.signUp });
    const target = { userId: user.id, deviceId: description.deviceId, enrolledVia: description.origin.enrolledVia };
    const replaced = 'user' in found ? await revokeDeviceCredentials(tx, ctx, tenant, target, 'replaced') : [];
    const [credential, ...beside] = identityCredentialsOf(deps, tenant, user.id, identity, description);
    if (credential === undefined) throw new RangeError('an identity is held by at least one record');
    for (const record of [credential, ...beside]) await storage.credentials.create(record);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'device-key.enrolled',
      subject: `user:${user.id}`,
      detail: {
        credential: credential.id,
        deviceId: description.deviceId,
        algorithm: credential.algorithm,
        webauthn: identity.kind === 'webauthn',
        authority: 'user' in found ? authority.kind : 'sign-up',
        replaced: replaced.length,
      },
    });
    return { user, credential, outcome: replaced.length > 0 ? 'replaced' : 'created' };
  });
}
