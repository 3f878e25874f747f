import { auditEventOf } from '../audit.ts';
import type { RequestOptionsJSON } from '../ceremonies/passkey-options.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername } from '../user.ts';
import type { Transaction } from './transaction.ts';
import { payloadHashOf, transactionChallengeOf } from './transaction-challenge.ts';

/** Bounds on what a caller may ask to confirm; beyond them the request is `invalid_request`. */
export const TRANSACTION_LIMITS = { typeLength: 64, nonceLength: 256, payloadBytes: 64 * 1024 } as const;

export interface TransactionConfirmationRequest {
  readonly username: string;
  /** What the payload is, chosen by the dialect or its client (`raw`, `payment`, …). */
  readonly type: string;
  /** The text the user confirms, kept with the transaction. */
  readonly payload: string;
  /** The caller's nonce, bound into the challenge. */
  readonly nonce: string;
}

export interface TransactionConfirmationStart {
  /** The pending transaction; its `id` is what the client sends back to finish. */
  readonly transaction: Transaction;
  /** Request options for `navigator.credentials.get`, the challenge bound to the payload. */
  readonly options: RequestOptionsJSON;
}

function checkRequest(request: TransactionConfirmationRequest): void {
  const { type, nonce, payload } = request;
  if (type.length === 0 || type.length > TRANSACTION_LIMITS.typeLength) throw new DomainError('invalid_request', { detail: 'transaction type must be 1–64 characters' });
  if (nonce.length === 0 || nonce.length > TRANSACTION_LIMITS.nonceLength) throw new DomainError('invalid_request', { detail: 'nonce must be 1–256 characters' });
  if (Buffer.byteLength(payload, 'utf8') > TRANSACTION_LIMITS.payloadBytes) throw new DomainError('payload_too_large', { detail: 'transaction payload over 64 KiB' });
}

/**
 * Starts a passkey transaction confirmation: a pending transaction of the named user (unknown is
 * `user_not_found`, disabled `user_disabled`, without an active passkey `credential_not_found`),
 * and request options whose challenge is SHA-256 over the transaction's tenant, id, type, nonce
 * and payload hash (`transactionChallengeOf`). It lives the tenant's challenge TTL.
 */
export async function startTransactionConfirmation(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  request: TransactionConfirmationRequest,
): Promise<TransactionConfirmationStart> {
  checkRequest(request);
  const found = await deps.storage.credentials.listByUsername(tenant.id, normalizeUsername(request.username), 'passkey');
  if (found === null) throw new DomainError('user_not_found', { detail: 'no user of that name' });
  if (found.user.status !== 'active') throw new DomainError('user_disabled');
  const passkeys = found.credentials.filter((c) => c.status === 'active');
  if (passkeys.length === 0) throw new DomainError('credential_not_found', { detail: 'the user has no active passkey' });

  const now = deps.clock.now();
  const ttlMs = tenant.policies.challengeTtlSeconds * 1000;
  const transaction: Transaction = {
    tenantId: tenant.id,
    id: deps.random.uuid(),
    userId: found.user.id,
    type: request.type,
    payload: request.payload,
    payloadHash: payloadHashOf(request.payload),
    nonce: request.nonce,
    status: 'pending',
    createdAt: now,
    expiresAt: now + ttlMs,
    decidedAt: null,
    evidence: null,
  };
  const started = auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'transaction.started', subject: `user:${found.user.id}`, detail: { transactionId: transaction.id, type: request.type } });
  // The transaction and its audit row are one unit of work: both or neither.
  await deps.storage.transaction(async (storage) => {
    await storage.transactions.add(transaction);
    await storage.audit.append(started);
  });
  return {
    transaction,
    options: {
      challenge: toBase64Url(transactionChallengeOf(transaction)),
      timeout: ttlMs,
      rpId: tenant.rpId,
      allowCredentials: passkeys.map((c) => ({ type: 'public-key', id: toBase64Url(c.credentialId), ...(c.transports.length > 0 ? { transports: c.transports } : {}) })),
      userVerification: tenant.policies.userVerification,
    },
  };
}
