import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { DuoTransaction } from './duo-records.ts';

/** `GET /transactions`: the user's most recent signing sessions (DSG validations), newest first. */
export async function listDuoTransactions(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User, limit: number): Promise<DuoTransaction[]> {
  return deps.storage.duo.transactions.listByUser(tenant.id, user.id, limit);
}
