import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { Transaction, TransactionEvidence } from './transaction.ts';
import { payloadHashOf } from './transaction-challenge.ts';

export interface DecidedTransactionInput {
  readonly userId: string;
  readonly type: string;
  readonly payload: string;
  readonly status: 'approved' | 'rejected';
  readonly evidence: TransactionEvidence;
}

/**
 * Records a transaction decided at once by a policy (no user proof to wait for), with what the
 * decision rested on, and audits it as `transaction.approved` or `transaction.rejected`.
 */
export async function recordTransaction(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  input: DecidedTransactionInput,
): Promise<Transaction> {
  const now = deps.clock.now();
  const transaction: Transaction = {
    tenantId: tenant.id,
    id: deps.random.uuid(),
    userId: input.userId,
    type: input.type,
    payload: input.payload,
    payloadHash: payloadHashOf(input.payload),
    nonce: null,
    status: input.status,
    createdAt: now,
    expiresAt: null,
    decidedAt: now,
    evidence: input.evidence,
  };
  await deps.storage.transactions.add(transaction);
  const approved = input.status === 'approved';
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: approved ? 'transaction.approved' : 'transaction.rejected',
    subject: `user:${input.userId}`,
    outcome: approved ? 'success' : 'failure',
    detail: { transactionId: transaction.id, type: input.type },
  });
  return transaction;
}
