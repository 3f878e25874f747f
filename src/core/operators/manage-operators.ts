import { auditEventOf } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { Operator } from './operator.ts';

/** Operators a principal may make or remove: only one holding every scope (`*`). */
export function requireEveryScope(scopes: readonly string[]): void {
  if (!scopes.includes('*')) throw new DomainError('forbidden', { detail: 'only a holder of every scope (*) manages operators' });
}

/** The tenant's operators with their users, oldest first. */
export async function listOperators(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant): Promise<{ operator: Operator; user: User }[]> {
  const operators = await deps.storage.operators.list(tenant.id);
  const users = await Promise.all(operators.map((o) => deps.storage.users.getById(tenant.id, o.userId)));
  return operators.flatMap((operator, i) => {
    const user = users[i];
    return user ? [{ operator, user }] : [];
  });
}

/**
 * Ends a user's operator role (the user and their passkeys stay); their console sessions end with
 * it, as each call re-reads the role. The change and its audit row are one unit of work.
 */
export async function removeOperator(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, userId: string): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    if (!(await storage.operators.remove(tenant.id, userId))) throw new DomainError('not_found', { detail: 'no such operator' });
    await storage.audit.append(auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'operator.removed', subject: `user:${userId}` }));
  });
}
