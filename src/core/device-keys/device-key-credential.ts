import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import type { DeviceKeyCredential, DeviceKeyOrigin } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';

export interface DeviceKeyDescription {
  readonly deviceId: string;
  readonly name: string | null;
  /** The dialect enrolling the key, with what it says of the device. */
  readonly origin: DeviceKeyOrigin;
}

/** A new active device-key record: the SPKI stored canonical, its SHA-256 as credential id. */
export function buildDeviceKeyCredential(
  deps: Pick<CoreDeps, 'clock' | 'random'>,
  tenant: Tenant,
  userId: string,
  key: DevicePublicKey,
  description: DeviceKeyDescription,
): DeviceKeyCredential {
  return {
    ...description.origin,
    kind: 'device_key',
    id: deps.random.uuid(),
    tenantId: tenant.id,
    userId,
    credentialId: fingerprint(key.spki),
    publicKey: key.spki,
    algorithm: key.algorithm,
    deviceId: description.deviceId,
    name: description.name,
    status: 'active',
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
}
