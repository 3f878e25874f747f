import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { verifyOrFalse } from './cose-algorithm.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { COSE_KTY, COSE_LABEL, coseBytes, coseInteger, requireKeyType } from './cose-key.ts';
import type { CoseKey } from './cose-key.ts';

/**
 * ECDSA on the NIST curves (RFC 9053 §2.1). COSE fixes the curve with the algorithm only by
 * convention; WebAuthn authenticators pair ES256 with P-256, ES384 with P-384 and ES512 with
 * P-521, and anything else is refused rather than guessed. Signatures are ASN.1 DER
 * (WebAuthn §6.5.5), which is node:crypto's default `dsaEncoding`.
 */
function ecdsa(alg: number, name: string, hash: string, crv: number, jwkCurve: string, coordinateLength: number): CoseAlgorithm {
  return {
    alg,
    name,
    importKey(key: CoseKey): KeyObject {
      requireKeyType(key, COSE_KTY.EC2, name);
      const curve = coseInteger(key, COSE_LABEL.crv, 'crv');
      if (curve !== crv) throw new DomainError('public_key_invalid', { detail: `${name} needs COSE crv ${crv}, key has ${curve}` });
      const x = coseBytes(key, COSE_LABEL.x, 'x', coordinateLength);
      const y = coseBytes(key, COSE_LABEL.y, 'y', coordinateLength);
      try {
        // OpenSSL refuses a point that is not on the curve, so an invalid key fails here.
        return createPublicKey({
          key: { kty: 'EC', crv: jwkCurve, x: Buffer.from(x).toString('base64url'), y: Buffer.from(y).toString('base64url') },
          format: 'jwk',
        });
      } catch (error) {
        throw new DomainError('public_key_invalid', { detail: `${name} point rejected: ${(error as Error).message}`, cause: error });
      }
    },
    verify: (key, data, signature) => verifyOrFalse(() => verify(hash, data, key, signature)),
  };
}

export const ECDSA_ALGORITHMS: readonly CoseAlgorithm[] = [
  ecdsa(-7, 'ES256', 'sha256', 1, 'P-256', 32),
  ecdsa(-35, 'ES384', 'sha384', 2, 'P-384', 48),
  ecdsa(-36, 'ES512', 'sha512', 3, 'P-521', 66),
];
