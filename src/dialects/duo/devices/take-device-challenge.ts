import { consumeChallenge } from '../../../core/challenges.ts';
import type { ChallengeRecord } from '../../../core/challenges.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import { toBase64Url } from '../../../core/encoding.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';
import type { DuoDeviceKey } from './duo-device.ts';
import { deviceChallengeSlot } from './issue-device-challenge.ts';

/**
 * Takes the challenge issued to this user for this device key, atomically: the slot and the
 * challenge are each read-and-deleted, so of two concurrent registrations at most one gets it,
 * and a replay finds nothing. A challenge issued for another key or another user lives in another
 * slot, so it is simply not found here (`challenge_not_found`).
 */
export async function takeDeviceChallenge(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock'>,
  tenant: Tenant,
  user: User,
  device: DuoDeviceKey,
): Promise<ChallengeRecord> {
  const id = await deps.ephemeral.take(deviceChallengeSlot(tenant.id, user.id, device));
  if (id === null) throw new DomainError('challenge_not_found', { detail: 'no unused challenge for this user and device key' });
  const record = await consumeChallenge(deps, tenant.id, id, 'duo.device-registration');
  // The slot key already binds both; checking the record too keeps the binding explicit.
  if (record.userId !== user.id || record.credentialId !== toBase64Url(device.credentialId)) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge bound to another user or device key' });
  }
  return record;
}
