import type { Credential } from '../../../core/credential.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';
import { isDuoDevice } from './duo-device.ts';

/** `GET /v2/devices`: the user's Duo device keys, revoked ones included (marked inactive), oldest first. */
export async function listDuoDevices(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<Credential[]> {
  const credentials = await deps.storage.credentials.listByUser(tenant.id, user.id, 'device_key');
  return credentials.filter(isDuoDevice);
}
