import { isDeviceKeyOf, type DeviceKeyCredential } from '../../../core/credential.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';

/** `GET /v2/devices`: the user's Duo device keys, revoked ones included (marked inactive), oldest first. */
export async function listDuoDevices(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<DeviceKeyCredential[]> {
  const credentials = await deps.storage.credentials.listByUser(tenant.id, user.id, 'device_key');
  return credentials.filter((c) => isDeviceKeyOf(c, 'duo'));
}
