import { isDeviceKeyOf, type DeviceKeyCredential, type DeviceKeyOrigin } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';

/** A user's device keys enrolled through `dialect` (the only ones it may see), active and revoked, oldest first. */
export async function listDeviceKeys<D extends DeviceKeyOrigin['enrolledVia']>(
  deps: Pick<CoreDeps, 'storage'>,
  tenant: Tenant,
  userId: string,
  dialect: D,
): Promise<(DeviceKeyCredential & { readonly enrolledVia: D })[]> {
  const keys = await deps.storage.credentials.listByUser(tenant.id, userId, 'device_key');
  return keys.filter((key) => isDeviceKeyOf(key, dialect));
}
