import type { KeyObject } from 'node:crypto';
import type { CoseKey } from './cose-key.ts';

/**
 * One COSE signature algorithm (IANA "COSE Algorithms" registry): how its public keys become a
 * node:crypto `KeyObject` and how a signature is checked. Every family module (ECDSA, EdDSA,
 * RSASSA-PKCS1-v1_5, RSASSA-PSS, ML-DSA) exports a list of these; `cose-algorithms.ts` indexes
 * them by `alg`.
 */
export interface CoseAlgorithm {
  /** The COSE algorithm identifier, e.g. -7. */
  readonly alg: number;
  /** The registry name, e.g. `ES256`. */
  readonly name: string;
  /**
   * Builds a public key from a decoded COSE_Key whose `alg` is this one. Throws
   * `public_key_invalid` when the key type, curve or member sizes do not fit the algorithm.
   */
  importKey(key: CoseKey): KeyObject;
  /**
   * Checks a signature over `data` in the encoding WebAuthn uses for this algorithm (ASN.1 DER for
   * ECDSA). Returns false for a wrong or malformed signature; never throws for bad input.
   */
  verify(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean;
}

/** Runs a node:crypto verification, mapping the exceptions malformed signatures raise to false. */
export function verifyOrFalse(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
