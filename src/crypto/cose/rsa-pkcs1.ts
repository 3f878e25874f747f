import { verify } from 'node:crypto';
import { verifyOrFalse } from './cose-algorithm.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { importRsaKey } from './rsa-key.ts';

/**
 * RSASSA-PKCS1-v1_5 (RFC 8812 §2). RS1 (SHA-1) is kept only because Windows Hello TPMs of a
 * certain age still produce it and WebAuthn L3 lists it for backwards compatibility; a tenant
 * that does not want it leaves -65535 out of its algorithm list.
 */
function rsassaPkcs1(alg: number, name: string, hash: string): CoseAlgorithm {
  return {
    alg,
    name,
    importKey: (key) => importRsaKey(key, name),
    verify: (key, data, signature) => verifyOrFalse(() => verify(hash, data, key, signature)),
  };
}

export const RSASSA_PKCS1_ALGORITHMS: readonly CoseAlgorithm[] = [
  rsassaPkcs1(-257, 'RS256', 'sha256'),
  rsassaPkcs1(-258, 'RS384', 'sha384'),
  rsassaPkcs1(-259, 'RS512', 'sha512'),
  rsassaPkcs1(-65535, 'RS1', 'sha1'),
];
