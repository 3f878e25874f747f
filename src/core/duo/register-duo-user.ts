import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

/**
 * `POST /auth/users/register`: records that the identity provider's user signed up with the
 * wallet. The Sigil user already exists (authenticating the token creates it on first sight);
 * this marks the registration, once. `created` is false when it was already recorded.
 */
export async function registerDuoUser(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
): Promise<{ created: boolean; registeredAt: number }> {
  const now = deps.clock.now();
  const created = await deps.storage.duo.users.register({ tenantId: tenant.id, userId: user.id, registeredAt: now });
  if (created) {
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'duo.user.registered', subject: `user:${user.id}` });
    return { created, registeredAt: now };
  }
  const existing = await deps.storage.duo.users.get(tenant.id, user.id);
  return { created, registeredAt: existing?.registeredAt ?? now };
}
