import { canonicalizeJsonBytes } from '../../../crypto/jcs/canonicalize-json.ts';
import { verifyDeviceSignature } from '../../../crypto/device-keys/index.ts';
import { DomainError } from '../../../core/errors.ts';
import type { DuoDeviceKey } from './duo-device.ts';

/**
 * The two messages a Duo device may have signed, and no others. Both contain the single-use
 * challenge, so neither can be replayed:
 *  - `{"challenge": <hex>}`: what the vendor's SDK signs (its documentation of the proof);
 *  - `{"challenge": <hex>, "device_id": <hex>}`: the seed's "request body fields", read as the
 *    fields that identify the request (the signature itself cannot be signed).
 * `deviceId` is the `device_id` exactly as the client sent it, since that is what it signed.
 */
export function duoProofMessages(challengeHex: string, deviceId: string): Uint8Array[] {
  return [canonicalizeJsonBytes({ challenge: challengeHex }), canonicalizeJsonBytes({ challenge: challengeHex, device_id: deviceId })];
}

/**
 * Checks the device's proof of possession: an ECDSA P-256 signature (strict DER; the wire sends
 * it as hex) over SHA-256 of the RFC 8785 canonical JSON of one of the messages above. Bad DER
 * is `invalid_request`; a well-formed signature over neither message is `signature_invalid`.
 */
export function verifyDuoDeviceProof(device: DuoDeviceKey, deviceId: string, challengeHex: string, signature: Uint8Array): void {
  const verified = duoProofMessages(challengeHex, deviceId).some((message) => verifyDeviceSignature(device.key, message, signature, { ecdsaFormat: 'der' }));
  if (!verified) throw new DomainError('signature_invalid', { detail: 'device signature verifies over neither Duo proof message' });
}
