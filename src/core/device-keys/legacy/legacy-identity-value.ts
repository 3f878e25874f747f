import type { Credential } from '../../credential.ts';
import type { CoreDeps } from '../../deps.ts';
import type { Tenant } from '../../tenant.ts';
import { isDeviceKey, type DeviceKeyDescription } from '../device-key-credential.ts';
import { toHex } from '../../encoding.ts';
import { LEGACY_OPAQUE_ALGORITHM } from '../device-key-settings.ts';

/** Sealing context of a legacy identity value: it opens only on its own record. */
export function legacyValueContext(credential: Pick<Credential, 'tenantId' | 'id'>): string {
  return `device-key:legacy-identity:${credential.tenantId}:${credential.id}`;
}

/** A device key or a sealed identity value: a record `identityValueOf` can read. */
export function holdsIdentityValue(credential: Credential): boolean {
  return isDeviceKey(credential) || (credential.kind === 'device_key' && credential.algorithm === LEGACY_OPAQUE_ALGORITHM);
}

/**
 * The text a BioKey client enrolled as its `publicKey`: the sealed value of a legacy opaque
 * identity, or the raw public key in hex (32 bytes Ed25519, 65 bytes X9.63 P-256) of a real key.
 */
export function identityValueOf(deps: Pick<CoreDeps, 'sealer'>, credential: Credential): string {
  if (credential.algorithm === LEGACY_OPAQUE_ALGORITHM) {
    const sealed = new TextDecoder().decode(credential.publicKey);
    return new TextDecoder().decode(deps.sealer.open(sealed, legacyValueContext(credential)));
  }
  return toHex(credential.publicKey.subarray(credential.algorithm === -8 ? -32 : -65));
}

/**
 * A new active record holding a client's opaque identity value (BioKey's `publicKey` when it is
 * not a key: a PRF output or a value derived from a credential id), sealed to its own record.
 * It is not a key: algorithm 0 (reserved in COSE), so no verifier ever takes it for one.
 */
export function buildSealedIdentityCredential(
  deps: Pick<CoreDeps, 'clock' | 'random' | 'sealer'>,
  tenant: Tenant,
  userId: string,
  value: string,
  description: DeviceKeyDescription,
): Credential {
  const id = deps.random.uuid();
  const sealed = deps.sealer.seal(new TextEncoder().encode(value), legacyValueContext({ tenantId: tenant.id, id }));
  return {
    id,
    tenantId: tenant.id,
    userId,
    kind: 'device_key',
    // No key to fingerprint: a random id keeps the tenant's credential ids unique.
    credentialId: deps.random.bytes(32),
    publicKey: new TextEncoder().encode(sealed),
    algorithm: LEGACY_OPAQUE_ALGORITHM,
    signCount: 0,
    aaguid: null,
    transports: [],
    attestationFormat: null,
    attestationTrust: null,
    backupEligible: false,
    backupState: false,
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
