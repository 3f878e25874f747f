import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

export interface MpcKeySummary {
  readonly keyId: string;
  readonly createdAt: number;
  /** When the latest keyshare backup was saved; null without one. */
  readonly backupCreatedAt: number | null;
}

/** The MPC keys reported for the user oldest first, with their backup state. */
export async function listMpcKeys(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<MpcKeySummary[]> {
  const [keys, backups] = await Promise.all([deps.storage.mpcKeys.listByUser(tenant.id, user.id), deps.storage.keyshares.listByUser(tenant.id, user.id)]);
  const backedUp = new Map(backups.map((b) => [b.keyId, b.createdAt]));
  return keys.map((k) => ({ keyId: k.keyId, createdAt: k.createdAt, backupCreatedAt: backedUp.get(k.keyId) ?? null }));
}
