import { DomainError } from '../../../core/errors.ts';
import type { DevicePublicKey } from '../device-public-key.ts';
import { canonicalP256Spki } from './canonical-spki.ts';
import { publicKeyFromSpki } from './public-key-from-spki.ts';

/**
 * A P-256 public key as an ANSI X9.63 / SEC 1 §2.3.3 uncompressed point, `04 || X || Y` (65
 * bytes): what iOS `SecKeyCopyExternalRepresentation` returns and what the Duo dialect sends.
 *
 * Compressed points (`02|03 || X`, 33 bytes) are refused on purpose: no supported client sends
 * them, and dialects that use the point's hex as the device identifier need one spelling per key.
 * The on-curve check is OpenSSL's, made while importing the SPKI built around the point.
 */
export function publicKeyFromX963Point(point: Uint8Array): DevicePublicKey {
  if (point.length === 33 && (point[0] === 0x02 || point[0] === 0x03)) {
    throw new DomainError('public_key_invalid', { detail: 'compressed P-256 points are not supported' });
  }
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new DomainError('public_key_invalid', {
      detail: `an X9.63 P-256 point is 65 bytes starting 0x04, got ${point.length} bytes`,
    });
  }
  try {
    return publicKeyFromSpki(canonicalP256Spki(point));
  } catch (cause) {
    throw new DomainError('public_key_invalid', { detail: 'X9.63 point is not on the P-256 curve', cause });
  }
}
