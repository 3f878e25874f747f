import type { KeyObject } from 'node:crypto';
import type { DeviceKeyAlgorithm } from '../device-public-key.ts';

/**
 * How an ECDSA signature is laid out: ASN.1 DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3, what
 * OpenSSL, Android and `SecKeyCreateSignature` produce), raw `r || s` (IEEE P1363, WebCrypto),
 * or `auto`: DER when the bytes parse as strict DER, raw when they are exactly 64 bytes, and both
 * tried when a 64-byte value is also valid DER.
 */
export type EcdsaSignatureFormat = 'der' | 'raw' | 'auto';

export interface VerifyOptions {
  readonly ecdsaFormat: EcdsaSignatureFormat;
}

/** One signature algorithm. Found by the key's algorithm in `SIGNATURE_SCHEMES`. */
export interface SignatureScheme {
  readonly algorithm: DeviceKeyAlgorithm;
  /**
   * True when `signature` is valid over `message`, false when it is well-formed but does not
   * verify. Throws `invalid_request` when the signature bytes are malformed for the scheme.
   */
  verify(key: KeyObject, message: Uint8Array, signature: Uint8Array, options: VerifyOptions): boolean;
}
