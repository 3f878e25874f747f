import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import { recordAudit } from '../audit.ts';
import type { DeviceKeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import type { RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import { authorizeEnrollment, type EnrollmentAuthority } from './authorize-enrollment.ts';
import type { DeviceAccount } from './device-account.ts';
import { passkeyCredentialOf } from '../ceremonies/passkey-credential.ts';
import { buildDeviceKeyCredential, type DeviceKeyDescription } from './device-key-credential.ts';
import { findAccount } from './find-or-sign-up-account.ts';
import { revokeDeviceCredentials } from './revoke-device-credentials.ts';
import { verifyDevicePasskey, type DevicePasskeyRegistration } from './verify-device-passkey.ts';

export interface DeviceKeyEnrollment extends DeviceKeyDescription {
  readonly account: DeviceAccount;
  readonly key: DevicePublicKey;
  readonly authority: EnrollmentAuthority;
  /** A WebAuthn credential created on the device, enrolled beside the key (BioKey hardened). */
  readonly passkey?: DevicePasskeyRegistration;
}

/** `unchanged`: this key was already enrolled for this user and device (a retried request). */
export type EnrollmentOutcome = 'created' | 'unchanged' | 'replaced';

export interface EnrolledDeviceKey {
  readonly user: User;
  readonly credential: DeviceKeyCredential;
  readonly outcome: EnrollmentOutcome;
}

/**
 * Binds a device key to (tenant, user, device id). A key is bound to one user and one device
 * for good: bound elsewhere, or revoked, it is `credential_conflict`. A new username is signed
 * up; an existing account needs `authority` (see `authorizeEnrollment`), and then the key
 * replaces the device's previous credentials, which are revoked and audited, never overwritten.
 */
export async function enrollDeviceKey(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DeviceKeyEnrollment): Promise<EnrolledDeviceKey> {
  const passkey = input.passkey === undefined ? null : await verifiedNewPasskey(deps, tenant, input.account, input.passkey);
  try {
    return await enrollOnce(deps, ctx, tenant, input, passkey);
  } catch (error) {
    // A concurrent first enrollment signed the username up first: the account now exists, and
    // this enrollment is judged again as one for an existing account (which needs authority).
    if (!isDomainError(error) || error.code !== 'username_taken') throw error;
    return enrollOnce(deps, ctx, tenant, input, passkey);
  }
}

async function enrollOnce(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DeviceKeyEnrollment, passkey: RegisteredPasskey | null): Promise<EnrolledDeviceKey> {
  const existing = await deps.storage.credentials.getByCredentialId(tenant.id, fingerprint(input.key.spki));
  const found = await findAccount(deps, tenant, input.account, existing === null);
  if (existing !== null) {
    // findAccount signs nobody up for a key already bound: the account exists.
    const { user } = found as { readonly user: User };
    const same = existing.kind === 'device_key' && existing.userId === user.id && existing.deviceId === input.deviceId && existing.status === 'active';
    if (same && passkey === null) return { user, credential: existing, outcome: 'unchanged' };
    throw new DomainError('credential_conflict', { detail: existing.userId === user.id ? 'key already enrolled, revoked or on another device' : 'key bound to another user' });
  }
  if ('user' in found) await authorizeEnrollment(deps, ctx, tenant, found.user, input.authority);
  // One unit of work: a signed-up user is never left without the key it was created for, and
  // two enrollments racing on one device leave one active key (the schema allows no second).
  return deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const user = 'user' in found ? found.user : await createUser(tx, ctx, tenant, { username: found.signUp });
    const target = { userId: user.id, deviceId: input.deviceId, enrolledVia: input.origin.enrolledVia };
    const replaced = 'user' in found ? await revokeDeviceCredentials(tx, ctx, tenant, target, 'replaced') : [];
    const credential = buildDeviceKeyCredential(deps, tenant, user.id, input.key, input);
    await storage.credentials.create(credential);
    if (passkey !== null) {
      const placement = { enrolledVia: input.origin.enrolledVia, deviceId: input.deviceId, name: input.name };
      await storage.credentials.create(passkeyCredentialOf(deps, tenant, user.id, passkey, placement));
    }
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'device-key.enrolled',
      subject: `user:${user.id}`,
      detail: { credential: credential.id, deviceId: input.deviceId, algorithm: input.key.algorithm, webauthn: passkey !== null, authority: 'user' in found ? input.authority.kind : 'sign-up', replaced: replaced.length },
    });
    return { user, credential, outcome: replaced.length > 0 ? 'replaced' : 'created' };
  });
}

/** The WebAuthn credential, verified, and not yet registered in the tenant (§7.1 step 24). */
async function verifiedNewPasskey(deps: CoreDeps, tenant: Tenant, account: DeviceAccount, registration: DevicePasskeyRegistration): Promise<RegisteredPasskey> {
  const passkey = await verifyDevicePasskey(deps, tenant, account, registration);
  if (await deps.storage.credentials.getByCredentialId(tenant.id, passkey.credentialId)) {
    throw new DomainError('credential_conflict', { detail: 'WebAuthn credential id already registered' });
  }
  return passkey;
}
