import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { bytesEqual } from '../encoding.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import { accountKeyOf, type DeviceAccount } from './device-account.ts';
import type { FailureLockout } from '../abuse/failure-lockout.ts';
import { deviceLockout } from './device-lockout.ts';
import type { PossessionProof } from './proofs/possession-proof.ts';
import { confirmProvisionalEnrollment } from './provisional/confirm-provisional-enrollment.ts';
import { resolveProvingUser } from './resolve-proving-user.ts';
import { answerChallenge } from './answer-challenge.ts';
import { takeDeviceChallenge, type TakenDeviceChallenge } from './take-device-challenge.ts';

export interface PossessionAttempt {
  readonly account: DeviceAccount;
  /** The device the client names (SwapBits); absent when the wire names none (BioKey). */
  readonly deviceId?: string;
  /** The handle the challenge was issued under (see `ChallengeHandleKind`). */
  readonly challengeHandle: string;
  /** The challenge as the client echoes it, when the wire carries it: compared, never used. */
  readonly echoedChallenge?: Uint8Array;
  readonly proof: PossessionProof;
}

export interface ProvenPossession {
  readonly user: User;
  readonly credential: Credential;
}

/** Failures that say nothing about the key (device state, our own dependencies): not audited as failed proofs. */
const NOT_A_FAILED_PROOF: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['credential_revoked', 'device_not_found', 'user_disabled', 'service_unavailable', 'capacity_exceeded']);

/**
 * Proves that the client holds an active key of the account: the attempt is counted against the
 * lockout of this (account, client) first, then the challenge is consumed (single use, expiry),
 * its server-side binding checked against the account and device the request names, the echoed
 * challenge compared, the device status checked, and the signature verified over the challenge
 * bytes. A success clears this client's count; a failed proof also counts account-wide (see
 * `failureLockout`: the throttle falls on the client that fails, not on the account's owner).
 */
export async function provePossession(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  attempt: PossessionAttempt,
  options: ProofOptions = {},
): Promise<ProvenPossession> {
  const lockout = deviceLockout(deps, tenant.id, lockoutSubjectOf(attempt), ctx.ip);
  const attemptNumber = await lockout.admit();
  const challenge = await takeDeviceChallenge(deps, tenant, attempt.challengeHandle);
  let user: User | null = null;
  try {
    checkBinding(challenge, attempt);
    const { account } = attempt;
    if (options.confirmProvisional === true && 'username' in account && !(await hasAccount(deps, tenant, account.username))) {
      const confirmed = await confirmProvisionalEnrollment(deps, ctx, tenant, account.username, challenge.challenge, attempt.proof);
      await lockout.succeeded();
      return confirmed;
    }
    user = await resolveProvingUser(deps, tenant, account);
    const credential = await answerChallenge(deps, tenant, challenge, user, attempt);
    await lockout.succeeded();
    return { user, credential };
  } catch (error) {
    await auditFailure(deps, ctx, tenant, { lockout, attemptNumber }, error, user, attempt);
    throw error;
  }
}

export interface ProofOptions {
  /**
   * A username with no account may answer with its provisional enrollment, which the proof
   * then makes permanent (sign-in only; a proof that authorizes a re-enrollment never does).
   */
  readonly confirmProvisional?: boolean;
}

async function hasAccount(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, username: string): Promise<boolean> {
  return (await deps.storage.users.getByUsername(tenant.id, normalizeUsername(username))) !== null;
}

function lockoutSubjectOf(attempt: PossessionAttempt): string {
  return attempt.deviceId === undefined ? accountKeyOf(attempt.account) : `${accountKeyOf(attempt.account)}|device:${attempt.deviceId}`;
}

function checkBinding(challenge: TakenDeviceChallenge, attempt: PossessionAttempt): void {
  if (challenge.account !== null && challenge.account !== accountKeyOf(attempt.account)) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge issued to another account' });
  }
  if (challenge.deviceId !== null && challenge.deviceId !== attempt.deviceId) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge issued to another device' });
  }
  if (attempt.echoedChallenge !== undefined && !bytesEqual(attempt.echoedChallenge, challenge.challenge)) {
    throw new DomainError('challenge_mismatch', { detail: 'echoed challenge differs from the issued one' });
  }
}

async function auditFailure(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  counted: { readonly lockout: FailureLockout; readonly attemptNumber: number },
  error: unknown,
  user: User | null,
  attempt: PossessionAttempt,
): Promise<void> {
  if (!(error instanceof DomainError) || NOT_A_FAILED_PROOF.has(error.code)) return;
  const subject = user === null ? null : `user:${user.id}`;
  const { lockout, attemptNumber } = counted;
  const detail = { code: error.code, deviceId: attempt.deviceId ?? null, proof: attempt.proof.kind, failures: attemptNumber };
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device-key.verification-failed', subject, outcome: 'failure', detail });
  // Every lock is audited when it is set: which one (this client, or the account-wide ceiling) and from where.
  for (const scope of await lockout.failed(attemptNumber)) {
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device-key.locked-out', subject, outcome: 'failure', detail: { deviceId: attempt.deviceId ?? null, scope, client: ctx.ip } });
  }
}
