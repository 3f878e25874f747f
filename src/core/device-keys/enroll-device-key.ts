import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { EnrollmentAuthority } from './authorize-enrollment.ts';
import { bindDeviceIdentity, type EnrolledDeviceKey } from './bind-device-identity.ts';
import type { DeviceAccount } from './device-account.ts';
import type { DeviceKeyDescription } from './device-key-credential.ts';
import { findOrSignUpAccount } from './find-or-sign-up-account.ts';

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
  const existing = await deps.storage.credentials.getByCredentialId(tenant.id, fingerprint(input.key.spki));
  const account = await findOrSignUpAccount(deps, ctx, tenant, input.account, existing === null);
  return bindDeviceIdentity(deps, ctx, tenant, account, { kind: 'key', key: input.key }, input, input.authority);
}
