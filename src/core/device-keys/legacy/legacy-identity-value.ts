import type { Credential, DeviceKeyCredential, LegacyBioKeyIdentity } from '../../credential.ts';
import type { CoreDeps } from '../../deps.ts';
import { toHex } from '../../encoding.ts';
import type { Tenant } from '../../tenant.ts';
import type { DeviceKeyDescription } from '../device-key-credential.ts';

/** Sealing context of a legacy identity value: it opens only on its own record. */
export function legacyValueContext(credential: Pick<LegacyBioKeyIdentity, 'tenantId' | 'id'>): string {
  return `device-key:legacy-identity:${credential.tenantId}:${credential.id}`;
}

/** A record `identityValueOf` can read: a device key or a BioKey identity value, never a passkey. */
export function holdsIdentityValue(credential: Credential): credential is LegacyBioKeyIdentity | DeviceKeyCredential {
  return credential.kind !== 'passkey';
}

/**
 * The text a BioKey client enrolled as its `publicKey`: the sealed value of a legacy identity,
 * or the raw public key in hex (32 bytes Ed25519, 65 bytes X9.63 P-256) of a real key.
 */
export function identityValueOf(deps: Pick<CoreDeps, 'sealer'>, credential: LegacyBioKeyIdentity | DeviceKeyCredential): string {
  if (credential.kind === 'legacy_identity') return new TextDecoder().decode(deps.sealer.open(credential.sealedValue, legacyValueContext(credential)));
  return toHex(credential.publicKey.subarray(credential.algorithm === 'Ed25519' ? -32 : -65));
}

/**
 * A new active record holding a BioKey client's 64-character identity value (its `publicKey`
 * when that is not a key: a PRF output or a value derived from a credential id), sealed to its
 * own record. Never a key: no verifier accepts the kind. Written by the legacy switch alone, or
 * beside the WebAuthn credential of a hardened enrollment, which is what proves possession.
 */
export function buildSealedIdentityCredential(
  deps: Pick<CoreDeps, 'clock' | 'random' | 'sealer'>,
  tenant: Tenant,
  userId: string,
  value: string,
  description: Pick<DeviceKeyDescription, 'deviceId' | 'name'>,
): LegacyBioKeyIdentity {
  const id = deps.random.uuid();
  return {
    kind: 'legacy_identity',
    enrolledVia: 'biokey',
    id,
    tenantId: tenant.id,
    userId,
    // No key to fingerprint: a random id keeps the tenant's credential ids unique.
    credentialId: deps.random.bytes(32),
    sealedValue: deps.sealer.seal(new TextEncoder().encode(value), legacyValueContext({ tenantId: tenant.id, id })),
    deviceId: description.deviceId,
    name: description.name,
    status: 'active',
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
}
