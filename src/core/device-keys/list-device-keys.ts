import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { isDeviceKey } from './device-key-credential.ts';

/** A user's device keys, active and revoked, oldest first. */
export async function listDeviceKeys(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, userId: string): Promise<Credential[]> {
  const keys = await deps.storage.credentials.listByUser(tenant.id, userId, 'device_key');
  return keys.filter(isDeviceKey);
}
