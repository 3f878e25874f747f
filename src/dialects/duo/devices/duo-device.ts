import { fingerprint, parseDevicePublicKey } from '../../../crypto/device-keys/index.ts';
import type { DevicePublicKey } from '../../../crypto/device-keys/index.ts';
import { toHex } from '../../../core/encoding.ts';

/** A Duo `device_verifying_key` / `device_id` / hook `token`, parsed once. */
export interface DuoDeviceKey {
  readonly key: DevicePublicKey;
  /** The 130-digit lower-case hex of `04 || X || Y`: Sigil's one spelling of the key. */
  readonly hex: string;
  /** SHA-256 of the SPKI DER: the credential id of the device's registration. */
  readonly credentialId: Uint8Array;
}

/**
 * Parses hex `04 || X || Y` (either case) into a P-256 key on the curve. Throws
 * `public_key_invalid` for anything else (compressed points, other lengths, bad hex).
 */
export function parseDuoDeviceKey(text: string): DuoDeviceKey {
  const key = parseDevicePublicKey(text, { encoding: 'x963-hex' });
  return { key, hex: x963HexOf(key.spki), credentialId: fingerprint(key.spki) };
}

/** The X9.63 point of a canonical P-256 SPKI is its last 65 bytes. */
export function x963HexOf(spki: Uint8Array): string {
  return toHex(spki.subarray(spki.byteLength - 65));
}
