import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { Transaction } from './transaction.ts';

/** The user's most recent transactions of one type, newest first. */
export async function listTransactions(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User, type: string, limit: number): Promise<Transaction[]> {
  return deps.storage.transactions.listByUser(tenant.id, user.id, type, limit);
}
