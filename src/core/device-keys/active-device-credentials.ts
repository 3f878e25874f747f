import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * A user's active credentials, optionally those of one device id. Read as a list rather than
 * with `getByDevice`, which returns only the newest row (revoked or not) while nothing in the
 * schema keeps a device id to one active credential.
 */
export async function listActiveDeviceCredentials(
  deps: Pick<CoreDeps, 'storage'>,
  tenantId: string,
  userId: string,
  deviceId?: string,
): Promise<Credential[]> {
  const all = await deps.storage.credentials.listByUser(tenantId, userId);
  return all.filter((c) => c.status === 'active' && c.deviceId !== null && (deviceId === undefined || c.deviceId === deviceId));
}
