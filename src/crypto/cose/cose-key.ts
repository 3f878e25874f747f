import { isoCBOR } from '@simplewebauthn/server/helpers';
import { DomainError } from '../../core/errors.ts';
import { CborLengthError, cborItemLength } from './cbor-item-length.ts';

/** A decoded COSE_Key (RFC 9052 §7): integer labels to values. */
export type CoseKey = ReadonlyMap<number, unknown>;

/** Common and key-type-specific labels (RFC 9053 §7, draft-ietf-cose-dilithium for AKP). */
export const COSE_LABEL = {
  kty: 1,
  alg: 3,
  crv: -1,
  x: -2,
  y: -3,
  rsaN: -1,
  rsaE: -2,
  akpPub: -1,
} as const;

export const COSE_KTY = { OKP: 1, EC2: 2, RSA: 3, AKP: 7 } as const;

/** Decodes exactly one CBOR map from `bytes`; anything else is `public_key_invalid`. */
export function decodeCoseKey(bytes: Uint8Array): CoseKey {
  let length: number;
  try {
    length = cborItemLength(bytes);
  } catch (error) {
    if (error instanceof CborLengthError) throw new DomainError('public_key_invalid', { detail: `COSE key: ${error.message}` });
    throw error;
  }
  if (length !== bytes.byteLength) throw new DomainError('public_key_invalid', { detail: 'COSE key has trailing bytes' });
  const decoded: unknown = isoCBOR.decodeFirst(Uint8Array.from(bytes));
  if (!(decoded instanceof Map)) throw new DomainError('public_key_invalid', { detail: 'COSE key is not a CBOR map' });
  return decoded as CoseKey;
}

/** The integer at `label`, or a `public_key_invalid` failure. */
export function coseInteger(key: CoseKey, label: number, what: string): number {
  const value = key.get(label);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DomainError('public_key_invalid', { detail: `COSE key ${what} (label ${label}) is not an integer` });
  }
  return value;
}

/** The byte string at `label`, optionally of an exact length, or a `public_key_invalid` failure. */
export function coseBytes(key: CoseKey, label: number, what: string, length?: number): Uint8Array {
  const value = key.get(label);
  if (!(value instanceof Uint8Array)) {
    throw new DomainError('public_key_invalid', { detail: `COSE key ${what} (label ${label}) is not a byte string` });
  }
  if (length !== undefined && value.byteLength !== length) {
    throw new DomainError('public_key_invalid', { detail: `COSE key ${what} is ${value.byteLength} bytes, expected ${length}` });
  }
  return value;
}

/** Requires the key type a family of algorithms works with. */
export function requireKeyType(key: CoseKey, kty: number, family: string): void {
  const actual = coseInteger(key, COSE_LABEL.kty, 'kty');
  if (actual !== kty) throw new DomainError('public_key_invalid', { detail: `${family} needs kty ${kty}, COSE key has ${actual}` });
}
