import { recordAudit } from '../../audit.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import type { Tenant } from '../../tenant.ts';
import type { DuoTransaction } from '../duo-records.ts';
import { findHookDevice } from './find-hook-device.ts';
import { rejectHook } from './hook-verdict.ts';
import type { HookVerdict } from './hook-verdict.ts';

export interface DsgSetupInput {
  readonly token: string;
  /** The setup's `key_id` tag values, lower-case hex. */
  readonly keyIds: readonly string[];
  readonly instance: string;
}

/**
 * DSG setup validation hook: `"ok"` only for a registered, active device whose user owns the
 * key. Ownership is per user (the vendor keeps key id → user), so a device the user registered
 * after recovering a keyshare may sign too. A signing session names exactly one key; anything
 * else is refused. Each validation of a known device is recorded as a transaction of its user,
 * approved or rejected.
 */
export async function validateDsgSetup(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DsgSetupInput): Promise<HookVerdict> {
  const device = await findHookDevice(deps, tenant, input.token);
  if (device === null) return rejectHook(deps, ctx, tenant, 'dsg-setup-rejected', 'unknown, revoked or malformed device');
  const [keyId] = input.keyIds;
  if (keyId === undefined || input.keyIds.length !== 1) {
    return rejectHook(deps, ctx, tenant, 'dsg-setup-rejected', 'setup must name exactly one key id', `user:${device.user.id}`);
  }
  const key = await deps.storage.duo.keys.get(tenant.id, keyId);
  const owned = key !== null && key.userId === device.user.id;
  const transaction: DuoTransaction = {
    tenantId: tenant.id,
    id: deps.random.uuid(),
    userId: device.user.id,
    keyId,
    deviceKey: device.credential.deviceId ?? '',
    instance: input.instance,
    status: owned ? 'approved' : 'rejected',
    createdAt: deps.clock.now(),
  };
  await deps.storage.duo.transactions.add(transaction);
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: owned ? 'duo.transaction.approved' : 'duo.transaction.rejected',
    subject: `user:${device.user.id}`,
    outcome: owned ? 'success' : 'failure',
    detail: { transactionId: transaction.id, keyId },
  });
  return owned ? 'ok' : 'reject';
}
