import { consumeChallenge } from '../challenges.ts';
import type { CoreDeps } from '../deps.ts';
import { fromBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { challengeIndexKey } from './device-challenge-index.ts';

/** A consumed device challenge with its server-side binding. */
export interface TakenDeviceChallenge {
  readonly challenge: Uint8Array;
  /** `accountKeyOf` of the account it was issued to, or null when unbound. */
  readonly account: string | null;
  readonly deviceId: string | null;
  /** Sigil id of the credential it was issued for, or null. */
  readonly credentialId: string | null;
}

/**
 * Consumes the challenge a handle names, atomically and whatever happens next: `take` on the
 * index lets one caller through, and the record itself is consumed once. The tenant is part of
 * both keys, so another tenant's handle is unknown here.
 */
export async function takeDeviceChallenge(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, tenant: Tenant, handle: string): Promise<TakenDeviceChallenge> {
  if (handle.length === 0 || handle.length > 128) throw new DomainError('challenge_not_found', { detail: 'empty or oversized challenge handle' });
  const id = await deps.ephemeral.take(challengeIndexKey(tenant.id, handle));
  if (id === null) throw new DomainError('challenge_not_found', { detail: 'unknown, used or long-expired device challenge' });
  const record = await consumeChallenge(deps, tenant.id, id, 'device.verification');
  const { account, deviceId } = record.data;
  return {
    challenge: fromBase64Url(record.challenge),
    account: typeof account === 'string' ? account : null,
    deviceId: typeof deviceId === 'string' ? deviceId : null,
    credentialId: record.credentialId,
  };
}
