import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';

/** Why a device's credentials were revoked, for the audit trail. */
export type RevocationReason = 'revoked' | 'replaced';

/**
 * Revokes every active credential a user holds for one device id, each transition audited.
 * Returns the credentials this call revoked (a concurrent revocation keeps its own).
 */
export async function revokeDeviceCredentials(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  target: { readonly userId: string; readonly deviceId: string },
  reason: RevocationReason,
): Promise<Credential[]> {
  const active = await listActiveDeviceCredentials(deps, tenant.id, target.userId, target.deviceId);
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
