import { createHash } from 'node:crypto';
import type { Transaction } from './transaction.ts';

/** Lower-case hex SHA-256 of the payload's UTF-8 bytes. */
export function payloadHashOf(payload: string): string {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/**
 * The WebAuthn challenge of a transaction confirmation: SHA-256 over a versioned JSON array of
 * the tenant, the transaction id (random, chosen by Sigil, so the challenge cannot be predicted),
 * the type, the caller's nonce and the payload hash. The authenticator's signature over
 * `clientDataJSON` thus covers exactly this payload, and anyone holding the transaction can
 * recompute the challenge to re-verify the evidence; no state outside the transaction is needed.
 * JSON of strings and null is deterministic, so no canonicalization beyond `JSON.stringify`.
 */
export function transactionChallengeOf(transaction: Pick<Transaction, 'tenantId' | 'id' | 'type' | 'nonce' | 'payloadHash'>): Uint8Array {
  const { tenantId, id, type, nonce, payloadHash } = transaction;
  const message = JSON.stringify(['sigil.transaction-confirmation.v1', tenantId, id, type, nonce, payloadHash]);
  return new Uint8Array(createHash('sha256').update(message, 'utf8').digest());
}
