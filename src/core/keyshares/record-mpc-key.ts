import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { MpcKey } from './mpc-key.ts';

export type MpcKeyReport = Omit<MpcKey, 'tenantId' | 'createdAt'>;

/**
 * Records an MPC key the signing network reported for a user, first writer wins: a key id
 * already recorded (possibly for another user) is never reassigned. Returns the stored key, so
 * the caller sees whose it is; audited as `mpc-key.recorded` when it is the reported user's.
 */
export async function recordMpcKey(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, report: MpcKeyReport): Promise<MpcKey> {
  const stored = await deps.storage.mpcKeys.add({ ...report, tenantId: tenant.id, createdAt: deps.clock.now() });
  if (stored.userId === report.userId) {
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'mpc-key.recorded', subject: `user:${report.userId}`, detail: { keyId: report.keyId } });
  }
  return stored;
}
