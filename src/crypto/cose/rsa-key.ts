import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { COSE_KTY, COSE_LABEL, coseBytes, requireKeyType } from './cose-key.ts';
import type { CoseKey } from './cose-key.ts';

/**
 * Smallest modulus accepted. Every RSA credential in the conformance sets (Windows Hello TPMs,
 * FIDO test tools) is 2048-bit; anything shorter is below what NIST allows for signatures.
 */
export const MIN_RSA_MODULUS_BITS = 2048;

/** An RSA COSE_Key (kty 3, n at -1, e at -2; RFC 8230 §4) as a node:crypto public key. */
export function importRsaKey(key: CoseKey, name: string): KeyObject {
  requireKeyType(key, COSE_KTY.RSA, name);
  const n = coseBytes(key, COSE_LABEL.rsaN, 'n');
  const e = coseBytes(key, COSE_LABEL.rsaE, 'e');
  let imported: KeyObject;
  try {
    imported = createPublicKey({
      key: { kty: 'RSA', n: Buffer.from(n).toString('base64url'), e: Buffer.from(e).toString('base64url') },
      format: 'jwk',
    });
  } catch (error) {
    throw new DomainError('public_key_invalid', { detail: `${name} key rejected: ${(error as Error).message}`, cause: error });
  }
  const bits = imported.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_MODULUS_BITS) {
    throw new DomainError('public_key_invalid', { detail: `${name} modulus is ${bits} bits, at least ${MIN_RSA_MODULUS_BITS} required` });
  }
  return imported;
}
