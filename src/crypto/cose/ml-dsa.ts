import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { verifyOrFalse } from './cose-algorithm.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { COSE_KTY, COSE_LABEL, coseBytes, requireKeyType } from './cose-key.ts';
import type { CoseKey } from './cose-key.ts';

/**
 * ML-DSA (FIPS 204), COSE encoding from draft-ietf-cose-dilithium: key type AKP (7) with the raw
 * public key at label -1. Node 24 imports it as a JWK of `kty: 'AKP'` and verifies with a null
 * digest (pure ML-DSA, empty context), which is what WebAuthn authenticators sign.
 */
function mlDsa(alg: number, name: string, publicKeyLength: number): CoseAlgorithm {
  return {
    alg,
    name,
    importKey(key: CoseKey): KeyObject {
      requireKeyType(key, COSE_KTY.AKP, name);
      const pub = coseBytes(key, COSE_LABEL.akpPub, 'pub', publicKeyLength);
      try {
        return createPublicKey({ key: { kty: 'AKP', alg: name, pub: Buffer.from(pub).toString('base64url') }, format: 'jwk' });
      } catch (error) {
        throw new DomainError('public_key_invalid', { detail: `${name} key rejected: ${(error as Error).message}`, cause: error });
      }
    },
    verify: (key, data, signature) => verifyOrFalse(() => verify(null, data, key, signature)),
  };
}

export const ML_DSA_ALGORITHMS: readonly CoseAlgorithm[] = [
  mlDsa(-48, 'ML-DSA-44', 1312),
  mlDsa(-49, 'ML-DSA-65', 1952),
  mlDsa(-50, 'ML-DSA-87', 2592),
];
