import type { KeyObject } from 'node:crypto';

/** The key algorithms a device may hold: Secure Enclave / StrongBox P-256, or Ed25519. */
export type DeviceKeyAlgorithm = 'P-256' | 'Ed25519';

/**
 * A parsed device public key. `spki` is always the canonical DER SubjectPublicKeyInfo (named
 * curve, uncompressed point for P-256), whatever text form the key arrived in, so that one key
 * has exactly one stored form and one fingerprint.
 */
export interface DevicePublicKey {
  readonly algorithm: DeviceKeyAlgorithm;
  readonly keyObject: KeyObject;
  readonly spki: Uint8Array;
}

/** The wire forms a device public key may be given in; each has one decoder module. */
export const PUBLIC_KEY_ENCODINGS = [
  'spki-pem',
  'x963-hex',
  'ed25519-hex',
  'x963-base64',
  'ed25519-base64',
  'spki-base64',
] as const;

export type PublicKeyEncoding = (typeof PUBLIC_KEY_ENCODINGS)[number];

/** One text form of a public key: a cheap shape test for auto-detection, and the decoder. */
export interface PublicKeyDecoder {
  readonly encoding: PublicKeyEncoding;
  /** True when `text` has this encoding's outward shape (charset, length, prefix). */
  looksLike(text: string): boolean;
  /** Throws `public_key_invalid` or `unsupported_algorithm`. */
  decode(text: string): DevicePublicKey;
}
