import { auditEventOf, recordAudit } from '../audit.ts';
import { movePasskeyCounter } from '../ceremonies/move-passkey-counter.ts';
import { userHandleOf } from '../ceremonies/user-handle.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { readAssertionResponse } from '../passkeys/read-assertion-response.ts';
import type { AssertionResponse } from '../passkeys/read-assertion-response.ts';
import { verifyReadAssertion } from '../passkeys/verify-assertion.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { Transaction, WebAuthnAssertionEvidence } from './transaction.ts';
import { transactionChallengeOf } from './transaction-challenge.ts';

export interface TransactionConfirmationFinish {
  /** The transaction, now `confirmed`, with the assertion as its evidence. */
  readonly transaction: Transaction;
  readonly user: User;
  readonly credential: PasskeyCredential;
}

/** A transaction that can still be confirmed: known, pending, within its time. */
async function pendingTransaction(deps: Pick<CoreDeps, 'storage' | 'clock'>, tenant: Tenant, transactionId: string): Promise<Transaction> {
  const transaction = transactionId.length > 0 && transactionId.length <= 128 ? await deps.storage.transactions.get(tenant.id, transactionId) : null;
  if (transaction === null || transaction.status !== 'pending') throw new DomainError('challenge_not_found', { detail: 'unknown or already decided transaction' });
  if (transaction.expiresAt !== null && deps.clock.now() >= transaction.expiresAt) {
    await deps.storage.transactions.decide(tenant.id, transaction.id, { status: 'expired', decidedAt: deps.clock.now(), evidence: null });
    throw new DomainError('challenge_expired', { detail: 'transaction confirmation expired' });
  }
  return transaction;
}

const evidenceOf = (assertion: AssertionResponse, userVerification: WebAuthnAssertionEvidence['userVerification']): WebAuthnAssertionEvidence => ({
  kind: 'webauthn-assertion',
  credentialId: toBase64Url(assertion.rawId),
  authenticatorData: toBase64Url(assertion.authenticatorData),
  clientDataJSON: toBase64Url(assertion.clientDataJSON),
  signature: toBase64Url(assertion.signature),
  userHandle: assertion.userHandle === null ? null : toBase64Url(assertion.userHandle),
  userVerification,
});

/**
 * Finishes a passkey transaction confirmation: the assertion (an `AuthenticationResponseJSON`)
 * must come from an active passkey of the transaction's user and verify as a login would
 * (WebAuthn L3 §7.2: client data over the transaction's challenge, origin, RP ID, UP and the
 * tenant's UV policy, signature, counter). Single use, whatever the outcome: success moves the
 * transaction from `pending` to `confirmed` with the assertion kept as evidence; a failure to
 * `rejected`; a late answer to `expired`. Two concurrent finishes: exactly one confirms.
 */
export async function finishTransactionConfirmation(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  transactionId: string,
  response: unknown,
): Promise<TransactionConfirmationFinish> {
  const transaction = await pendingTransaction(deps, tenant, transactionId);
  const audit = { tenantId: tenant.id, action: 'transaction.confirmed', subject: `user:${transaction.userId}` } as const;
  try {
    const assertion = readAssertionResponse(response);
    const found = await deps.storage.credentials.getWithOwner(tenant.id, assertion.rawId);
    // §7.2 step 6: only a passkey of the transaction's own user may confirm it.
    if (found === null || found.credential.kind !== 'passkey' || found.credential.userId !== transaction.userId) {
      throw new DomainError('credential_not_found', { detail: "not a passkey of the transaction's user" });
    }
    if (found.owner.status !== 'active') throw new DomainError('user_disabled');
    const credential = found.credential;
    const userVerification = tenant.policies.userVerification;
    const expected = { challenge: transactionChallengeOf(transaction), origins: tenant.origins, rpId: tenant.rpId, userVerification, userHandle: userHandleOf(transaction.userId) };
    const result = verifyReadAssertion(assertion, expected, credential, deps.passkeys.keyCache);
    const now = deps.clock.now();
    const evidence = evidenceOf(assertion, userVerification);
    const confirmed = auditEventOf(deps, ctx, { ...audit, detail: { transactionId: transaction.id, type: transaction.type, credentialId: evidence.credentialId } });
    // The counter's move, the decision and its audit row are one unit of work: all or none. A
    // lost compare-and-set commits nothing, and is judged again against a fresh read (as a login's).
    const moved = await movePasskeyCounter(deps.storage, {
      tenantId: tenant.id,
      credential,
      result,
      at: now,
      write: (expectedSignCount, patch) =>
        deps.storage.transaction(async (storage) => {
          if (!(await storage.credentials.recordUse(tenant.id, credential.id, expectedSignCount, patch))) return false;
          // A compare-and-set on the pending status: of concurrent confirmations exactly one wins.
          if (!(await storage.transactions.decide(tenant.id, transaction.id, { status: 'confirmed', decidedAt: now, evidence }))) throw new DomainError('challenge_not_found', { detail: 'the transaction was decided concurrently' });
          await storage.audit.append(confirmed);
          return true;
        }),
    });
    return { transaction: { ...transaction, status: 'confirmed', decidedAt: now, evidence }, user: found.owner, credential: moved.credential };
  } catch (error) {
    // Spent by this attempt: a compare-and-set, so a concurrent confirmation that won stays confirmed.
    await deps.storage.transactions.decide(tenant.id, transaction.id, { status: 'rejected', decidedAt: deps.clock.now(), evidence: null });
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { ...audit, outcome: 'failure', detail: { transactionId: transaction.id, type: transaction.type, code } });
    throw error;
  }
}
