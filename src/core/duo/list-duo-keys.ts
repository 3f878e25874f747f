import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

export interface DuoKeySummary {
  readonly keyId: string;
  readonly createdAt: number;
  /** When the latest keyshare backup was saved; null without one. */
  readonly backupCreatedAt: number | null;
}

/** `GET /v2/keys`: the MPC keys the MPC node reported for the user, with their backup state. */
export async function listDuoKeys(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<DuoKeySummary[]> {
  const [keys, backups] = await Promise.all([deps.storage.duo.keys.listByUser(tenant.id, user.id), deps.storage.duo.backups.listByUser(tenant.id, user.id)]);
  const backedUp = new Map(backups.map((b) => [b.keyId, b.createdAt]));
  return keys.map((k) => ({ keyId: k.keyId, createdAt: k.createdAt, backupCreatedAt: backedUp.get(k.keyId) ?? null }));
}
