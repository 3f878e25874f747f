import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { ClientDevice, ClientDeviceInfo } from './client-device.ts';

/**
 * Records the device a user just registered or signed in from. A device id the client kept
 * from an earlier answer is reused when it names a device of this same user; any other id
 * (unknown, or another user's) gets a fresh device, so a client cannot attach itself to
 * someone else's device record.
 */
export async function recordClientDevice(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  userId: string,
  info: ClientDeviceInfo,
  claimedId: string | null,
): Promise<ClientDevice> {
  // One unit of work (joining the caller's, if any): the device read, its save and the audit.
  return deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const now = deps.clock.now();
    const known = claimedId === null ? null : await storage.clientDevices.get(tenant.id, claimedId);
    const reused = known !== null && known.userId === userId;
    const device: ClientDevice = reused
      ? { ...known, info, lastUsedAt: now }
      : { id: deps.random.uuid(), tenantId: tenant.id, userId, info, createdAt: now, lastUsedAt: now };
    await storage.clientDevices.save(device);
    // A new device is a new record; a known one's last use is already in the ceremony's audit.
    if (!reused) {
      await recordAudit(tx, ctx, { tenantId: tenant.id, action: 'device.recorded', subject: `user:${userId}`, detail: { deviceId: device.id } });
    }
    return device;
  });
}
