import { recordAudit } from '../audit.ts';
import type { Credential, EnrollingDialect } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';

/** Why a device's credentials were revoked, for the audit trail. */
export type RevocationReason = 'revoked' | 'replaced';

/** A user's device as one dialect knows it: a dialect touches only what it enrolled. */
export interface DeviceTarget {
  readonly userId: string;
  readonly deviceId: string;
  readonly enrolledVia: EnrollingDialect;
}

/**
 * Revokes every active credential a user holds for one device id through one dialect, each
 * transition audited.
 * Returns the credentials this call revoked (a concurrent revocation keeps its own).
 */
export async function revokeDeviceCredentials(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  target: DeviceTarget,
  reason: RevocationReason,
): Promise<Credential[]> {
  const active = (await listActiveDeviceCredentials(deps, tenant.id, target.userId, target.deviceId)).filter((c) => c.enrolledVia === target.enrolledVia);
  const now = deps.clock.now();
  const revoked: Credential[] = [];
  for (const credential of active) {
    if (!(await deps.storage.credentials.setStatus(tenant.id, credential.id, 'revoked', now))) continue;
    revoked.push({ ...credential, status: 'revoked', revokedAt: now });
    await recordAudit(deps, ctx, {
      tenantId: tenant.id,
      action: 'device-key.revoked',
      subject: `user:${target.userId}`,
      detail: { credential: credential.id, deviceId: target.deviceId, reason },
    });
  }
  return revoked;
}
