import { toHex } from '../encoding.ts';
import { decodeAttestationObject } from '../passkeys/attestation-object.ts';
import { parseAuthenticatorData } from '../passkeys/authenticator-data.ts';

/**
 * The AAGUID an attestation object claims, read before verification so a ruled-out model is
 * refused without storing anything; null when the object cannot be read (verification will
 * then fail on its own terms).
 */
export function aaguidOfAttestationObject(attestationObject: Uint8Array): string | null {
  try {
    const credential = parseAuthenticatorData(decodeAttestationObject(attestationObject).authData).attestedCredential;
    if (credential === null) return null;
    return toHex(credential.aaguid).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  } catch {
    return null;
  }
}
