import type { CoreDeps, RequestContext } from '../../../core/deps.ts';
import type { Tenant } from '../../../core/tenant.ts';
import { recordTransaction } from '../../../core/transactions/record-transaction.ts';
import { findHookDevice } from './find-hook-device.ts';
import { rejectHook } from './hook-verdict.ts';
import type { HookVerdict } from './hook-verdict.ts';

/** The transaction type of a DSG setup validation; its payload is the key id the session signs with. */
export const DSG_SETUP_TRANSACTION = 'duo.dsg-setup';

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
 * approved or rejected, with the device key and session instance as its evidence.
 */
export async function validateDsgSetup(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DsgSetupInput): Promise<HookVerdict> {
  const device = await findHookDevice(deps, tenant, input.token);
  if (device === null) return rejectHook(deps, ctx, tenant, 'dsg-setup-rejected', 'unknown, revoked or malformed device');
  const [keyId] = input.keyIds;
  if (keyId === undefined || input.keyIds.length !== 1) {
    return rejectHook(deps, ctx, tenant, 'dsg-setup-rejected', 'setup must name exactly one key id', `user:${device.user.id}`);
  }
  const key = await deps.storage.mpcKeys.get(tenant.id, keyId);
  const owned = key !== null && key.userId === device.user.id;
  await recordTransaction(deps, ctx, tenant, {
    userId: device.user.id,
    type: DSG_SETUP_TRANSACTION,
    payload: keyId,
    status: owned ? 'approved' : 'rejected',
    evidence: { kind: 'mpc-session', deviceKey: device.credential.deviceId ?? '', instance: input.instance },
  });
  return owned ? 'ok' : 'reject';
}
