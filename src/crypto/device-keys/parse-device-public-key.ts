import { DomainError } from '../../core/errors.ts';
import { PUBLIC_KEY_ENCODINGS } from './device-public-key.ts';
import type { DevicePublicKey, PublicKeyEncoding } from './device-public-key.ts';
import { PUBLIC_KEY_DECODERS } from './public-key/public-key-decoders.ts';

export interface ParseDevicePublicKeyOptions {
  /**
   * The encoding the caller's wire format prescribes, or `'auto'` to detect it. Detection asks
   * each decoder in the order of `PUBLIC_KEY_ENCODINGS` — PEM, X9.63 hex, Ed25519 hex, X9.63
   * base64, Ed25519 base64, SPKI base64 — whether the text has its shape (prefix, alphabet,
   * decoded length), and the first that says yes decodes it; its error is final. The shapes do
   * not overlap (hex strings of these lengths are never padded base64), so the order only
   * documents, it never decides between two readings.
   */
  readonly encoding: PublicKeyEncoding | 'auto';
}

/**
 * Parses a device public key from its text form. Throws `public_key_invalid` for text that is
 * not a valid key in the encoding, `unsupported_algorithm` for a well-formed key of another
 * algorithm or curve.
 */
export function parseDevicePublicKey(text: string, options: ParseDevicePublicKeyOptions): DevicePublicKey {
  if (typeof text !== 'string' || text.length === 0 || text.length > 4096) {
    throw new DomainError('public_key_invalid', { detail: 'public key must be a non-empty string of at most 4096 characters' });
  }
  if (options.encoding !== 'auto') return PUBLIC_KEY_DECODERS[options.encoding].decode(text);
  const encoding = PUBLIC_KEY_ENCODINGS.find((name) => PUBLIC_KEY_DECODERS[name].looksLike(text));
  if (encoding === undefined) {
    throw new DomainError('public_key_invalid', { detail: 'public key is in no recognised encoding' });
  }
  return PUBLIC_KEY_DECODERS[encoding].decode(text);
}
