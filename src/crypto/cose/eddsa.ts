import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { verifyOrFalse } from './cose-algorithm.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { COSE_KTY, COSE_LABEL, coseBytes, coseInteger, requireKeyType } from './cose-key.ts';
import type { CoseKey } from './cose-key.ts';

/** OKP curves (RFC 9053 §7.2): COSE crv value, JWK name and public key length. */
const CURVES = new Map<number, { readonly jwk: string; readonly length: number }>([
  [6, { jwk: 'Ed25519', length: 32 }],
  [7, { jwk: 'Ed448', length: 57 }],
]);

/**
 * Edwards-curve signatures (RFC 8032). `EdDSA` (-8) names the scheme and lets `crv` pick the
 * curve; the fully specified identifiers (RFC 9864) fix it: `Ed25519` (-19) and `Ed448` (-53).
 * Ed25519/Ed448 hash internally, so node:crypto takes no digest name.
 */
function eddsa(alg: number, name: string, curves: readonly number[]): CoseAlgorithm {
  return {
    alg,
    name,
    importKey(key: CoseKey): KeyObject {
      requireKeyType(key, COSE_KTY.OKP, name);
      const crv = coseInteger(key, COSE_LABEL.crv, 'crv');
      const curve = CURVES.get(crv);
      if (curve === undefined || !curves.includes(crv)) {
        throw new DomainError('public_key_invalid', { detail: `${name} does not use COSE crv ${crv}` });
      }
      const x = coseBytes(key, COSE_LABEL.x, 'x', curve.length);
      try {
        return createPublicKey({ key: { kty: 'OKP', crv: curve.jwk, x: Buffer.from(x).toString('base64url') }, format: 'jwk' });
      } catch (error) {
        throw new DomainError('public_key_invalid', { detail: `${name} key rejected: ${(error as Error).message}`, cause: error });
      }
    },
    verify: (key, data, signature) => verifyOrFalse(() => verify(null, data, key, signature)),
  };
}

export const EDDSA_ALGORITHMS: readonly CoseAlgorithm[] = [
  eddsa(-8, 'EdDSA', [6, 7]),
  eddsa(-19, 'Ed25519', [6]),
  eddsa(-53, 'Ed448', [7]),
];
