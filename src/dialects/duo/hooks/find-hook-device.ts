import { isDeviceKeyOf, type DeviceKeyCredential } from '../../../core/credential.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import { isDomainError } from '../../../core/errors.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';
import { parseDuoDeviceKey } from '../devices/duo-device.ts';

export interface HookDevice {
  readonly credential: DeviceKeyCredential;
  readonly user: User;
}

/**
 * The registered, active Duo device a hook's `token` (hex device verifying key) names, with its
 * active user; null for a malformed token, an unknown or revoked device, or a disabled user.
 */
export async function findHookDevice(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, token: string): Promise<HookDevice | null> {
  let credentialId: Uint8Array;
  try {
    credentialId = parseDuoDeviceKey(token).credentialId;
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
  const credential = await deps.storage.credentials.getByCredentialId(tenant.id, credentialId);
  if (credential === null || !isDeviceKeyOf(credential, 'duo') || credential.status !== 'active') return null;
  const user = await deps.storage.users.getById(tenant.id, credential.userId);
  return user !== null && user.status === 'active' ? { credential, user } : null;
}
