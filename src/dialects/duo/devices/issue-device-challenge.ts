import { issueChallenge } from '../../../core/challenges.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import { fromBase64Url, toBase64Url, toHex } from '../../../core/encoding.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';
import { parseDuoDeviceKey } from './duo-device.ts';
import type { DuoDeviceKey } from './duo-device.ts';

export interface DuoDeviceChallenge {
  /** 32 random bytes, hex. */
  readonly challenge: string;
  readonly ttlSeconds: number;
}

/**
 * Where the registration step finds the challenge: `POST /auth/devices/register` names no
 * challenge, so the challenge is bound server-side to (tenant, user, device key) and looked up by
 * that triple. A new challenge for the same triple replaces the previous one.
 */
export function deviceChallengeSlot(tenantId: string, userId: string, device: DuoDeviceKey): string {
  return `duo:device-challenge:${tenantId}:${userId}:${toBase64Url(device.credentialId)}`;
}

/**
 * `GET /auth/devices/challenge/:device_verifying_key`: a fresh single-use challenge for this
 * user and key (hex `04 || X || Y`; anything else is `public_key_invalid`).
 */
export async function issueDuoDeviceChallenge(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock' | 'random'>,
  tenant: Tenant,
  user: User,
  deviceKeyText: string,
): Promise<DuoDeviceChallenge> {
  const device = parseDuoDeviceKey(deviceKeyText);
  const ttlSeconds = tenant.policies.challengeTtlSeconds;
  const record = await issueChallenge(deps, tenant, {
    purpose: 'duo.device-registration',
    userId: user.id,
    credentialId: toBase64Url(device.credentialId),
    size: 32,
    ttlSeconds,
  });
  // Kept as long as the challenge record itself, so a late answer is told "expired", not "unknown".
  await deps.ephemeral.set(deviceChallengeSlot(tenant.id, user.id, device), record.id, (ttlSeconds + 60) * 1000);
  return { challenge: toHex(fromBase64Url(record.challenge)), ttlSeconds };
}
