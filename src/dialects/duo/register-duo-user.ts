import { recordAudit } from '../../core/audit.ts';
import type { CoreDeps, RequestContext } from '../../core/deps.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';

/**
 * `POST /auth/users/register`: records that the identity provider's user signed up with the
 * wallet. The Sigil user already exists (authenticating the token creates it on first sight);
 * this marks the registration, once. `created` is false when it was already recorded. Duo's
 * wire alone has this step (it changes nothing but the 201/200 answer), so it stays the
 * dialect's, kept in the neutral `dialect_users` table under the dialect's name.
 */
export async function registerDuoUser(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
): Promise<{ created: boolean; registeredAt: number }> {
  const now = deps.clock.now();
  const created = await deps.storage.dialectUsers.register({ tenantId: tenant.id, userId: user.id, dialect: 'duo', registeredAt: now });
  if (created) {
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'duo.user.registered', subject: `user:${user.id}` });
    return { created, registeredAt: now };
  }
  const existing = await deps.storage.dialectUsers.get(tenant.id, user.id, 'duo');
  return { created, registeredAt: existing?.registeredAt ?? now };
}
