/** The `transactions` table and its row ↔ domain mappers; evidence is a JSON document. */
import type { Transaction, TransactionEvidence, TransactionStatus } from '../../core/transactions/transaction.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface TransactionTable {
  tenant_id: string;
  id: string;
  user_id: string;
  type: string;
  payload: string | null;
  payload_hash: string;
  nonce: string | null;
  status: TransactionStatus;
  created_at: number;
  expires_at: number | null;
  decided_at: number | null;
  evidence: string | null;
}

export const transactionToRow = (t: Transaction): TransactionTable => ({
  tenant_id: t.tenantId,
  id: t.id,
  user_id: t.userId,
  type: t.type,
  payload: t.payload,
  payload_hash: t.payloadHash,
  nonce: t.nonce,
  status: t.status,
  created_at: t.createdAt,
  expires_at: t.expiresAt,
  decided_at: t.decidedAt,
  evidence: t.evidence === null ? null : encodeJson(t.evidence),
});

export const transactionFromRow = (row: TransactionTable): Transaction => ({
  tenantId: row.tenant_id,
  id: row.id,
  userId: row.user_id,
  type: row.type,
  payload: row.payload,
  payloadHash: row.payload_hash,
  nonce: row.nonce,
  status: row.status,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  decidedAt: row.decided_at,
  evidence: row.evidence === null ? null : decodeJson<TransactionEvidence>(row.evidence),
});
