import type { Transaction, TransactionDecision } from './transaction.ts';

/** The storage port of transactions; every method is scoped to one tenant. */
export interface TransactionRepository {
  add(transaction: Transaction): Promise<void>;
  get(tenantId: string, id: string): Promise<Transaction | null>;
  /**
   * Decides a pending transaction: true when this call moved it from `pending`, false when it
   * was unknown or already decided (so of two concurrent decisions exactly one wins).
   */
  decide(tenantId: string, id: string, decision: TransactionDecision): Promise<boolean>;
  /** The user's newest `limit` transactions of the given type, newest first. */
  listByUser(tenantId: string, userId: string, type: string, limit: number): Promise<Transaction[]>;
}
