import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

export interface UserSearch {
  /** Part of a username, email or phone; empty or absent: every user. */
  readonly query?: string;
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string;
}

/** A page of the tenant's users in id order; `nextCursor` is null on the last page. */
export async function listUsers(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, search: UserSearch): Promise<{ users: User[]; nextCursor: string | null }> {
  const users = await deps.storage.users.list(tenant.id, {
    limit: search.limit,
    ...(search.after === undefined ? {} : { after: search.after }),
    ...(search.query === undefined || search.query.trim() === '' ? {} : { query: search.query.trim() }),
  });
  const last = users.length === search.limit ? users[users.length - 1] : undefined;
  return { users, nextCursor: last?.id ?? null };
}
