import { constants, verify } from 'node:crypto';
import { verifyOrFalse } from './cose-algorithm.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { importRsaKey } from './rsa-key.ts';

/**
 * RSASSA-PSS (RFC 8230 §2): MGF1 with the same hash, salt as long as the digest.
 */
function rsassaPss(alg: number, name: string, hash: string, saltLength: number): CoseAlgorithm {
  return {
    alg,
    name,
    importKey: (key) => importRsaKey(key, name),
    verify: (key, data, signature) =>
      verifyOrFalse(() => verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature)),
  };
}

export const RSASSA_PSS_ALGORITHMS: readonly CoseAlgorithm[] = [
  rsassaPss(-37, 'PS256', 'sha256', 32),
  rsassaPss(-38, 'PS384', 'sha384', 48),
  rsassaPss(-39, 'PS512', 'sha512', 64),
];
