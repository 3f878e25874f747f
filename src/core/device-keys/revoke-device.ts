import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { revokeDeviceCredentials, type DeviceTarget } from './revoke-device-credentials.ts';

/**
 * Revokes a user's device: its keys stop answering challenges at once (a challenge already
 * issued for it fails with `credential_revoked`). `device_not_found` when the user has no active
 * credential on that device id enrolled through the target's dialect.
 */
export async function revokeDevice(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  target: DeviceTarget,
): Promise<Credential> {
  // One unit of work: every credential of the device is revoked, each with its audit row, or none is.
  const [first] = await deps.storage.transaction((storage) => revokeDeviceCredentials({ ...deps, storage }, ctx, tenant, target, 'revoked'));
  if (first === undefined) throw new DomainError('device_not_found', { detail: 'no active credential on this device' });
  return first;
}
