import { auditEventOf } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

/**
 * Deletes a user with everything they own, and its audit event, in one unit of work. Their
 * access tokens stop working at once: a bearer check reads the token's subject from storage and
 * refuses one that no longer exists (`token_invalid`), on every node.
 */
export async function deleteUser(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, userId: string): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    const user = await storage.users.getById(tenant.id, userId);
    if (!user) throw new DomainError('user_not_found');
    const credentials = await storage.credentials.listByUser(tenant.id, userId);
    await storage.users.delete(tenant.id, userId);
    await storage.audit.append(
      auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'user.deleted', subject: `user:${userId}`, detail: { credentials: credentials.map((c) => c.id) } }),
    );
  });
}
