import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

/** Whether the user has a face registered, and since when. */
export async function getFaceStatus(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<{ registeredAt: number | null }> {
  const enrollment = await deps.storage.faces.get(tenant.id, user.id);
  return { registeredAt: enrollment?.registeredAt ?? null };
}
