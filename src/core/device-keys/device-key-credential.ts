import type { DeviceKeyAlgorithm, DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';

/** COSE algorithm identifiers stored for device keys: ES256 for P-256, EdDSA for Ed25519. */
const COSE_ALGORITHM: Readonly<Record<DeviceKeyAlgorithm, number>> = { 'P-256': -7, Ed25519: -8 };

export function coseAlgorithmOf(algorithm: DeviceKeyAlgorithm): number {
  return COSE_ALGORITHM[algorithm];
}

export interface DeviceKeyDescription {
  readonly deviceId: string;
  readonly name: string | null;
  readonly platform: string | null;
}

/** A new active device-key record: the SPKI stored canonical, its SHA-256 as credential id. */
export function buildDeviceKeyCredential(
  deps: Pick<CoreDeps, 'clock' | 'random'>,
  tenant: Tenant,
  userId: string,
  key: DevicePublicKey,
  description: DeviceKeyDescription,
): Credential {
  return {
    id: deps.random.uuid(),
    tenantId: tenant.id,
    userId,
    kind: 'device_key',
    credentialId: fingerprint(key.spki),
    publicKey: key.spki,
    algorithm: coseAlgorithmOf(key.algorithm),
    signCount: 0,
    aaguid: null,
    transports: [],
    attestationFormat: null,
    attestationTrust: null,
    backupEligible: false,
    backupState: false,
    // The app gates the key with a biometric, but nothing the server receives shows that.
    userVerified: false,
    deviceId: description.deviceId,
    name: description.name,
    platform: description.platform,
    status: 'active',
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
}

/** True for a stored device key (not a passkey, not a legacy opaque value). */
export function isDeviceKey(credential: Credential): boolean {
  return credential.kind === 'device_key' && (credential.algorithm === -7 || credential.algorithm === -8);
}

