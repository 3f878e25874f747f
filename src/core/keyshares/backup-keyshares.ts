import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { KeyshareBackup } from './mpc-key.ts';
import { keyshareSealContext } from './keyshare-seal-context.ts';

export interface KeyshareBackupInput {
  /** Lower-case hex. */
  readonly keyId: string;
  /** The client's encrypted keyshare, opaque to Sigil; returned byte for byte on recovery. */
  readonly encryptedKeyshare: string;
}

/**
 * Backs up a user's keyshares: stores each one sealed at rest (a fresh data key per record,
 * wrapped by the master key, tenant, user and key id bound as associated data), replacing an
 * earlier backup of the same key. Every key id must be one of the user's MPC keys, otherwise
 * nothing is stored (`forbidden`; unknown and foreign ids are answered alike).
 */
export async function backupKeyshares(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random' | 'sealer'>,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
  items: readonly KeyshareBackupInput[],
): Promise<KeyshareBackup[]> {
  const keyIds = items.map((item) => item.keyId);
  if (items.length === 0 || new Set(keyIds).size !== keyIds.length) {
    throw new DomainError('invalid_request', { detail: 'keyshares must be non-empty and name each key once' });
  }
  for (const keyId of keyIds) {
    const key = await deps.storage.mpcKeys.get(tenant.id, keyId);
    if (key === null || key.userId !== user.id) throw new DomainError('forbidden', { detail: `key ${keyId.slice(0, 16)}… is not one of the user's keys` });
  }
  const now = deps.clock.now();
  const encoder = new TextEncoder();
  const backups = items.map((item) => ({
    tenantId: tenant.id,
    keyId: item.keyId,
    userId: user.id,
    sealedKeyshare: deps.sealer.seal(encoder.encode(item.encryptedKeyshare), keyshareSealContext(tenant.id, user.id, item.keyId)),
    createdAt: now,
  }));
  await deps.storage.keyshares.putAll(backups);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'keyshare.backed-up', subject: `user:${user.id}`, detail: { keyIds } });
  return backups;
}
