import type { DeviceKeyCredential, LegacyBioKeyIdentity } from '../../credential.ts';
import type { CoreDeps } from '../../deps.ts';
import { toHex } from '../../encoding.ts';

/** Sealing context of a legacy identity value: it opens only on its own record. */
export function legacyValueContext(credential: Pick<LegacyBioKeyIdentity, 'tenantId' | 'id'>): string {
  return `device-key:legacy-identity:${credential.tenantId}:${credential.id}`;
}

/**
 * The text a BioKey client enrolled as its `publicKey`: the sealed value of a legacy identity,
 * or the raw public key in hex (32 bytes Ed25519, 65 bytes X9.63 P-256) of a real key.
 */
export function identityValueOf(deps: Pick<CoreDeps, 'sealer'>, credential: LegacyBioKeyIdentity | DeviceKeyCredential): string {
  if (credential.kind === 'legacy_identity') return new TextDecoder().decode(deps.sealer.open(credential.sealedValue, legacyValueContext(credential)));
  return toHex(credential.publicKey.subarray(credential.algorithm === 'Ed25519' ? -32 : -65));
}
