import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import { createUser } from '../users/create-user.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/**
 * The user named `username`, opened (created, audited) if there is none yet, as a backend that
 * vouches for the name asks. The lookup and the creation are one unit of work; when a concurrent
 * request opens the same name first, its account is the answer, so both callers get one user.
 */
export async function openAccount(deps: Deps, ctx: RequestContext, tenant: Tenant, username: string): Promise<User> {
  const name = normalizeUsername(username);
  try {
    return await deps.storage.transaction(async (storage) =>
      (await storage.users.getByUsername(tenant.id, name)) ?? (await createUser({ ...deps, storage }, ctx, tenant, { username: name })));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'username_taken') throw error;
    const winner = await deps.storage.users.getByUsername(tenant.id, name);
    if (winner === null) throw error;
    return winner;
  }
}
