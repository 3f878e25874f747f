import type { Credential, CredentialUsePatch, PasskeyCredential } from '../credential.ts';
import { bytesEqual } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { judgeAgainstStored, type AssertionResult } from '../passkeys/verify-assertion.ts';
import type { Storage } from '../ports.ts';

export interface CounterMove {
  readonly tenantId: string;
  /** The passkey as the ceremony read it; the assertion was verified against it. */
  readonly credential: PasskeyCredential;
  readonly result: AssertionResult;
  readonly at: number;
  /**
   * The compare-and-set, with whatever must commit with it (an audit row, a decision): false,
   * with nothing written, when the stored counter was not `expectedSignCount` or the passkey is
   * no longer active.
   */
  readonly write: (expectedSignCount: number, patch: CredentialUsePatch) => Promise<boolean>;
}

export interface MovedCounter {
  /** The passkey the move was judged against: the ceremony's read, or the fresh one of a retry. */
  readonly credential: PasskeyCredential;
  readonly result: AssertionResult;
}

/**
 * §7.2 steps 18 and 22's write: the counter by compare-and-set against the counter the assertion
 * was judged by. A lost compare-and-set means the stored record moved since the ceremony read it:
 * another login of this passkey won first, or the read came from a node's copy that a login on
 * another node made stale (the login cache does not tell other nodes of a counter move, and drops
 * its own copy when the compare-and-set is lost). So the passkey is read again, fresh; if it is
 * still the same active passkey of the same active owner, the new counter is judged again by
 * step 22 against the stored one and the compare-and-set tried once more. The signature needs no
 * second check: it covers neither the counter nor anything a login changes.
 */
export async function movePasskeyCounter(storage: Storage, move: CounterMove): Promise<MovedCounter> {
  const { credential, result, at } = move;
  const patch = { signCount: result.newSignCount, backupEligible: result.backupEligible, backupState: result.backupState, lastUsedAt: at };
  if (await move.write(credential.signCount, patch)) return { credential, result };
  const fresh = await freshPasskey(storage, move.tenantId, credential);
  const rejudged = judgeAgainstStored(result, fresh);
  if (await move.write(fresh.signCount, patch)) return { credential: fresh, result: rejudged };
  // Moved again in between: another use of this passkey is racing this one.
  throw new DomainError('sign_count_regressed', { detail: 'counter changed concurrently' });
}

/** The passkey read again, refused as the ceremony's own read would have been when it changed. */
async function freshPasskey(storage: Storage, tenantId: string, read: PasskeyCredential): Promise<PasskeyCredential> {
  const found = await storage.credentials.getWithOwner(tenantId, read.credentialId);
  // Deleted, or its id now names another record (another key, another owner): not the passkey that signed.
  if (found === null || !isSamePasskey(found.credential, read)) throw new DomainError('credential_not_found', { detail: 'the credential changed during the ceremony' });
  if (found.owner.status !== 'active') throw new DomainError('user_disabled');
  if (found.credential.status !== 'active') throw new DomainError('credential_revoked', { detail: `credential is ${found.credential.status}` });
  return found.credential;
}

function isSamePasskey(fresh: Credential, read: PasskeyCredential): fresh is PasskeyCredential {
  return fresh.kind === 'passkey' && fresh.id === read.id && fresh.userId === read.userId && fresh.algorithm === read.algorithm && bytesEqual(fresh.publicKey, read.publicKey);
}
