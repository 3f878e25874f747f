import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { isDomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername } from '../user.ts';
import type { EnrollmentAuthority } from './authorize-enrollment.ts';
import { bindDeviceIdentity, type EnrolledDeviceKey } from './bind-device-identity.ts';
import type { DeviceKeyDescription } from './device-key-credential.ts';
import { identityCredentialIdsOf, type DeviceIdentity } from './device-identity.ts';
import { findAccount } from './find-or-sign-up-account.ts';
import { holdProvisionalEnrollment } from './provisional/hold-provisional-enrollment.ts';
import type { ProvisionalEnrollment } from './provisional/provisional-enrollment.ts';
import { verifyDevicePasskey, type DevicePasskeyRegistration } from './verify-device-passkey.ts';

/** What the device sends to enroll: a key, or a WebAuthn creation with the client's identity value. */
export type OfferedDeviceIdentity =
  | { readonly kind: 'key'; readonly key: DevicePublicKey }
  | { readonly kind: 'webauthn'; readonly registration: DevicePasskeyRegistration; readonly identifier: string };

export interface UsernameEnrollment extends DeviceKeyDescription {
  readonly username: string;
  readonly identity: OfferedDeviceIdentity;
  readonly authority: EnrollmentAuthority;
}

export type UsernameEnrollmentResult =
  | { readonly kind: 'provisional'; readonly enrollment: ProvisionalEnrollment }
  | { readonly kind: 'bound'; readonly enrolled: EnrolledDeviceKey<Credential> };

/**
 * Enrollment for an account the client merely names (BioKey's `userId`), in three cases:
 * - the name has an account: the identity is bound only with `authority` (a session of that
 *   user, the management API, or a proof by its current key), else `credential_conflict`;
 * - the name is free and the management API vouches: the account is signed up at once;
 * - the name is free and nothing vouches: the enrollment is held provisionally (no account, no
 *   credential) until its first successful verification, so a proof-less request can never
 *   lock the name, whether its key is one nobody holds or a replayed WebAuthn creation.
 * A WebAuthn creation is verified first in every case; its client-chosen challenge proves no
 * freshness, which is why it never binds an existing name without authority.
 */
export async function enrollForUsername(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: UsernameEnrollment): Promise<UsernameEnrollmentResult> {
  const identity = await verifiedIdentity(deps, tenant, input.identity);
  const username = normalizeUsername(input.username);
  try {
    return await enrollOnce(deps, ctx, tenant, input, username, identity);
  } catch (error) {
    // The name was signed up meanwhile (a concurrent enrollment with the management key, or
    // another API): judged again as an enrollment for an existing account.
    if (!isDomainError(error) || error.code !== 'username_taken') throw error;
    return enrollOnce(deps, ctx, tenant, input, username, identity);
  }
}

async function enrollOnce(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: UsernameEnrollment, username: string, identity: DeviceIdentity): Promise<UsernameEnrollmentResult> {
  const user = await deps.storage.users.getByUsername(tenant.id, username);
  if (user === null && input.authority.kind !== 'management') {
    return { kind: 'provisional', enrollment: await holdProvisionalEnrollment(deps, ctx, tenant, { username, identity, description: input }) };
  }
  const found = user !== null ? { user } : await findAccount(deps, tenant, { username }, !(await isAnyBound(deps, tenant, identity)));
  return { kind: 'bound', enrolled: await bindDeviceIdentity(deps, ctx, tenant, found, identity, input, input.authority) };
}

async function verifiedIdentity(deps: CoreDeps, tenant: Tenant, offered: OfferedDeviceIdentity): Promise<DeviceIdentity> {
  if (offered.kind === 'key') return offered;
  return { kind: 'webauthn', passkey: await verifyDevicePasskey(deps, tenant, offered.registration), identifier: offered.identifier };
}

async function isAnyBound(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, identity: DeviceIdentity): Promise<boolean> {
  for (const id of identityCredentialIdsOf(identity)) {
    if (await deps.storage.credentials.getByCredentialId(tenant.id, id)) return true;
  }
  return false;
}
