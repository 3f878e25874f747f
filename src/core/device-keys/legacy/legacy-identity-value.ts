import type { Credential } from '../../credential.ts';
import type { CoreDeps } from '../../deps.ts';
import { toHex } from '../../encoding.ts';
import { LEGACY_OPAQUE_ALGORITHM } from '../device-key-settings.ts';

/** Sealing context of a legacy identity value: it opens only on its own record. */
export function legacyValueContext(credential: Pick<Credential, 'tenantId' | 'id'>): string {
  return `device-key:legacy-identity:${credential.tenantId}:${credential.id}`;
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
