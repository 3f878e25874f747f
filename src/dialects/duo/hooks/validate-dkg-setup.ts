import type { CoreDeps, RequestContext } from '../../../core/deps.ts';
import type { Tenant } from '../../../core/tenant.ts';
import { findHookDevice } from './find-hook-device.ts';
import { rejectHook } from './hook-verdict.ts';
import type { HookVerdict } from './hook-verdict.ts';

/** How long an approved DKG waits for its key-id notification. */
export const DKG_PENDING_MS = 15 * 60_000;

/** Where an approved DKG session is remembered until the MPC node reports its key id. */
export function pendingDkgSlot(tenantId: string, instance: string): string {
  return `duo:dkg:${tenantId}:${instance}`;
}

export interface DkgSetupInput {
  readonly token: string;
  /** Lower-case hex instance id of the DKG session. */
  readonly instance: string;
}

/**
 * DKG setup validation hook: `"ok"` only for a registered, active device of an active user. The
 * approved session is remembered by instance, so the key-id notification can be tied to the
 * device that asked for the DKG.
 */
export async function validateDkgSetup(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: DkgSetupInput): Promise<HookVerdict> {
  const device = await findHookDevice(deps, tenant, input.token);
  if (device === null) return rejectHook(deps, ctx, tenant, 'dkg-setup-rejected', 'unknown, revoked or malformed device');
  await deps.ephemeral.set(pendingDkgSlot(tenant.id, input.instance), device.credential.id, DKG_PENDING_MS);
  return 'ok';
}
