import { issueChallenge } from '../challenges.ts';
import type { CoreDeps } from '../deps.ts';
import { fromBase64Url, toHex } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { EnrollingDialect } from '../credential.ts';
import type { Tenant } from '../tenant.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';
import { accountKeyOf, type DeviceAccount } from './device-account.ts';
import { DEVICE_CHALLENGE_BYTES, DEVICE_CHALLENGE_TTL_SECONDS } from './device-key-settings.ts';
import { challengeIndexKey, CHALLENGE_INDEX_GRACE_MS } from './device-challenge-index.ts';

/**
 * What the client gets back to name the challenge: a fresh UUID (SwapBits' `challengeId`), or
 * the challenge itself in lower-case hex (BioKey, whose client returns only the challenge).
 */
export type ChallengeHandleKind = 'uuid' | 'value';

export interface DeviceChallengeRequest {
  /** Who may answer; absent, whoever proves possession of a key first (BioKey v0.1.0). */
  readonly account?: DeviceAccount;
  /** The device that must answer: needs `account` by user id and an active key on the device. */
  readonly deviceId?: string;
  /** With `deviceId`: the dialect asking, which may bind only keys it enrolled. */
  readonly enrolledVia?: EnrollingDialect;
  readonly handle: ChallengeHandleKind;
}

export interface IssuedDeviceChallenge {
  readonly handle: string;
  readonly challenge: Uint8Array;
  readonly expiresAt: number;
}

/**
 * Issues 32 random bytes, single-use, for 300 s, bound to the tenant (by the store key) and to
 * the account, device and credential the request names. The handle indexes the challenge; the
 * binding lives only server-side, so nothing the client echoes back is trusted.
 */
export async function issueDeviceChallenge(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock' | 'random' | 'storage'>,
  tenant: Tenant,
  request: DeviceChallengeRequest,
): Promise<IssuedDeviceChallenge> {
  const credentialId = request.deviceId === undefined ? null : await boundCredentialId(deps, tenant, request);
  const record = await issueChallenge(deps, tenant, {
    purpose: 'device.verification',
    userId: request.account !== undefined && 'userId' in request.account ? request.account.userId : null,
    credentialId,
    size: DEVICE_CHALLENGE_BYTES,
    ttlSeconds: DEVICE_CHALLENGE_TTL_SECONDS,
    data: { account: request.account === undefined ? null : accountKeyOf(request.account), deviceId: request.deviceId ?? null },
  });
  const challenge = fromBase64Url(record.challenge);
  const handle = request.handle === 'uuid' ? deps.random.uuid() : toHex(challenge);
  const ttlMs = record.expiresAt - record.issuedAt;
  await deps.ephemeral.set(challengeIndexKey(tenant.id, handle), record.id, ttlMs + CHALLENGE_INDEX_GRACE_MS);
  return { handle, challenge, expiresAt: record.expiresAt };
}

async function boundCredentialId(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, request: DeviceChallengeRequest): Promise<string> {
  if (request.account === undefined || !('userId' in request.account) || request.deviceId === undefined || request.enrolledVia === undefined) {
    throw new RangeError('a device-bound challenge needs the account by user id and the enrolling dialect');
  }
  const active = await listActiveDeviceCredentials(deps, tenant.id, request.account.userId, request.deviceId);
  const [newest] = active.filter((c) => c.kind === 'device_key' && c.enrolledVia === request.enrolledVia).reverse();
  if (newest === undefined) throw new DomainError('device_not_found', { detail: 'no active key on this device' });
  return newest.id;
}
