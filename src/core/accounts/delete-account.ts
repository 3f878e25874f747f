import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/** Deletes a user and everything of theirs, audited, in one unit of work; `user_not_found` when absent. */
export async function deleteAccount(deps: Deps, ctx: RequestContext, tenant: Tenant, userId: string): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    if (!(await storage.accounts.deleteUser(tenant.id, userId))) throw new DomainError('user_not_found');
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'user.deleted', subject: `user:${userId}` });
  });
}
