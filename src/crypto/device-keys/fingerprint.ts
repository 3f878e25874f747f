import { createHash } from 'node:crypto';

/**
 * The stored credential id of a device key: SHA-256 of its canonical SPKI DER. Pass
 * `DevicePublicKey.spki`, which is canonical whatever encoding the key arrived in.
 */
export function fingerprint(spki: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(spki).digest());
}
