import type { CoreDeps, RequestContext } from '../../../core/deps.ts';
import { recordMpcKey } from '../../../core/keyshares/record-mpc-key.ts';
import type { Tenant } from '../../../core/tenant.ts';
import { findHookDevice } from './find-hook-device.ts';
import { rejectHook } from './hook-verdict.ts';
import type { HookVerdict } from './hook-verdict.ts';
import { pendingDkgSlot } from './validate-dkg-setup.ts';

export interface KeyIdNotification {
  readonly token: string;
  /** Lower-case hex. */
  readonly keyId: string;
  readonly instance: string;
}

/**
 * Key-ID notification hook: records the key id for the user of the device that ran the DKG.
 * The notification must name a DKG session this device had approved (consumed here, once); a
 * repeat of an already recorded key of the same user is answered `"ok"` again, so the MPC node
 * may retry. A key id recorded for another user is never reassigned.
 */
export async function notifyKeyId(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: KeyIdNotification): Promise<HookVerdict> {
  const device = await findHookDevice(deps, tenant, input.token);
  if (device === null) return rejectHook(deps, ctx, tenant, 'key-id-rejected', 'unknown, revoked or malformed device');
  const known = await deps.storage.mpcKeys.get(tenant.id, input.keyId);
  if (known !== null) {
    if (known.userId === device.user.id) return 'ok';
    return rejectHook(deps, ctx, tenant, 'key-id-rejected', 'key id belongs to another user', `user:${device.user.id}`);
  }
  const pending = await deps.ephemeral.take(pendingDkgSlot(tenant.id, input.instance));
  if (pending !== device.credential.id) {
    return rejectHook(deps, ctx, tenant, 'key-id-rejected', 'no approved DKG of this device with this instance', `user:${device.user.id}`);
  }
  const report = { keyId: input.keyId, userId: device.user.id, deviceCredentialId: device.credential.id, instance: input.instance };
  const stored = await recordMpcKey(deps, ctx, tenant, report);
  if (stored.userId !== device.user.id) return rejectHook(deps, ctx, tenant, 'key-id-rejected', 'key id recorded concurrently for another user');
  return 'ok';
}
