import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';
import { firstAnsweringCredential } from './first-answering-credential.ts';
import type { PossessionProof } from './proofs/possession-proof.ts';
import type { TakenDeviceChallenge } from './take-device-challenge.ts';

/**
 * Verifies the proof against the credential the challenge was issued for, or, for a challenge
 * bound to no credential (BioKey names no device), against each of the user's active
 * credentials that can answer this kind of proof. Records the use of the one that answered.
 */
export async function answerChallenge(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'passkeys' | 'deviceKeys'>,
  tenant: Tenant,
  challenge: TakenDeviceChallenge,
  user: User,
  attempt: { readonly deviceId?: string; readonly proof: PossessionProof },
): Promise<Credential> {
  const candidates = await candidatesFor(deps, tenant, challenge, user, attempt.deviceId);
  const { credential, outcome } = firstAnsweringCredential(deps, tenant, challenge.challenge, candidates, attempt.proof);
  const now = deps.clock.now();
  // Neither looks at the status: the candidates were all active a moment ago.
  const recorded = outcome === null || credential.kind !== 'passkey'
    ? await deps.storage.credentials.markUsed(tenant.id, credential.id, now)
    : await deps.storage.credentials.recordUse(tenant.id, credential.id, credential.signCount, { ...outcome, lastUsedAt: now });
  if (!recorded) throw new DomainError('sign_count_regressed', { detail: 'a concurrent use changed or removed the stored credential' });
  return credential;
}

async function candidatesFor(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, challenge: TakenDeviceChallenge, user: User, deviceId: string | undefined): Promise<Credential[]> {
  if (challenge.credentialId === null) return listActiveDeviceCredentials(deps, tenant.id, user.id, deviceId);
  const bound = await deps.storage.credentials.getById(tenant.id, challenge.credentialId);
  if (!bound || bound.userId !== user.id) throw new DomainError('challenge_mismatch', { detail: 'challenge issued for a credential of another user' });
  // The device's status is checked before any signature: a revoked device gets no answer to a proof.
  if (bound.status !== 'active') throw new DomainError('credential_revoked', { detail: 'the device was revoked after the challenge was issued' });
  return [bound];
}
