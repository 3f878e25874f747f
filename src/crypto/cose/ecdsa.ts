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
function ecdsa(alg: number, name: string, hash: string, crv: number, curveOid: string, coordinateLength: number): CoseAlgorithm {
  const spkiPrefix = ecSpkiPrefix(curveOid, coordinateLength);
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
        // OpenSSL refuses a point that is not on the curve, so an invalid key fails here. The
        // key goes in as SPKI DER (the fixed header for the curve, then the uncompressed point):
        // cheaper to parse than a JWK, whose coordinates would first be base64url-encoded.
        return createPublicKey({ key: Buffer.concat([spkiPrefix, UNCOMPRESSED_POINT, x, y]), format: 'der', type: 'spki' });
      } catch (error) {
        throw new DomainError('public_key_invalid', { detail: `${name} point rejected: ${(error as Error).message}`, cause: error });
      }
    },
    verify: (key, data, signature) => verifyOrFalse(() => verify(hash, data, key, signature)),
  };
}

const UNCOMPRESSED_POINT = Buffer.of(0x04);
/** DER OID of id-ecPublicKey (RFC 5480 §2.1.1). */
const EC_PUBLIC_KEY_OID = '06072a8648ce3d0201';

/**
 * Everything of an EC SubjectPublicKeyInfo (RFC 5480) before the point's 0x04 byte:
 * SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING { 0 unused bits, point } }.
 */
function ecSpkiPrefix(curveOid: string, coordinateLength: number): Buffer {
  const algorithm = EC_PUBLIC_KEY_OID + curveOid;
  const bitString = 2 + 2 * coordinateLength; // unused-bits byte, 0x04, x, y
  const derLength = (n: number): string => (n < 0x80 ? n.toString(16).padStart(2, '0') : `81${n.toString(16).padStart(2, '0')}`);
  const body = `30${derLength(algorithm.length / 2)}${algorithm}03${derLength(bitString)}00`;
  const total = body.length / 2 + bitString - 1;
  return Buffer.from(`30${derLength(total)}${body}`, 'hex');
}

export const ECDSA_ALGORITHMS: readonly CoseAlgorithm[] = [
  // Curve OIDs (RFC 5480 §2.1.1.1): secp256r1, secp384r1, secp521r1, DER-encoded.
  ecdsa(-7, 'ES256', 'sha256', 1, '06082a8648ce3d030107', 32),
  ecdsa(-35, 'ES384', 'sha384', 2, '06052b81040022', 48),
  ecdsa(-36, 'ES512', 'sha512', 3, '06052b81040023', 66),
];
