import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { isDomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { EnrollmentAuthority } from './authorize-enrollment.ts';
import { bindDeviceIdentity, type EnrolledDeviceKey } from './bind-device-identity.ts';
import type { DeviceAccount } from './device-account.ts';
import type { DeviceKeyDescription } from './device-key-credential.ts';
import { findAccount } from './find-or-sign-up-account.ts';

export type { EnrolledDeviceKey, EnrollmentOutcome } from './bind-device-identity.ts';

export interface DeviceKeyEnrollment extends DeviceKeyDescription {
  readonly account: DeviceAccount;
  readonly key: DevicePublicKey;
  readonly authority: EnrollmentAuthority;
}

/**
 * Binds a device key to (tenant, user, device id) at once (see `bindDeviceIdentity`). A new
 * username is signed up; an existing account needs `authority`. For an account a client merely
 * names (BioKey's userId), use `enrollForUsername`, which holds a sign-up provisionally.
 */
export async function enrollDeviceKey(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DeviceKeyEnrollment): Promise<EnrolledDeviceKey> {
  try {
    return await enrollOnce(deps, ctx, tenant, input);
  } catch (error) {
    // A concurrent first enrollment signed the username up first: the account now exists, and
    // this enrollment is judged again as one for an existing account (which needs authority).
    if (!isDomainError(error) || error.code !== 'username_taken') throw error;
    return enrollOnce(deps, ctx, tenant, input);
  }
}

async function enrollOnce(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DeviceKeyEnrollment): Promise<EnrolledDeviceKey> {
  const existing = await deps.storage.credentials.getByCredentialId(tenant.id, fingerprint(input.key.spki));
  const found = await findAccount(deps, tenant, input.account, existing === null);
  const enrolled = await bindDeviceIdentity(deps, ctx, tenant, found, { kind: 'key', key: input.key }, input, input.authority);
  const { credential } = enrolled;
  // A key identity is held by a device key alone (see `identityCredentialsOf`).
  if (credential.kind !== 'device_key') throw new RangeError(`a key enrolled as a ${credential.kind}`);
  return { ...enrolled, credential };
}
