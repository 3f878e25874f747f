import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bytesEqual, fromBase64Url } from '../../../core/encoding.ts';
import { DomainError } from '../../../core/errors.ts';
import type { DevicePublicKey } from '../device-public-key.ts';
import { canonicalEd25519Spki, canonicalP256Spki } from './canonical-spki.ts';
import { isEd25519Point } from './is-ed25519-point.ts';

/**
 * Parses DER SubjectPublicKeyInfo bytes into a device key. OpenSSL checks that an EC point lies
 * on its curve; the input must then equal the canonical encoding rebuilt from the key itself,
 * which rejects trailing bytes, explicit curve parameters, compressed points and any other
 * second spelling of the same key.
 *
 * OpenSSL does not decode Ed25519 points on import, so that check (RFC 8032 §5.1.3) is made here.
 *
 * A well-formed key of another type or curve (RSA, P-384, secp256k1, X25519…) is
 * `unsupported_algorithm`; anything else is `public_key_invalid`.
 */
export function publicKeyFromSpki(der: Uint8Array): DevicePublicKey {
  let keyObject: KeyObject;
  try {
    keyObject = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new DomainError('public_key_invalid', { detail: 'SPKI does not parse as a public key', cause });
  }
  const canonical = canonicalFormOf(keyObject);
  if (!bytesEqual(canonical.spki, der)) {
    throw new DomainError('public_key_invalid', {
      detail: `${canonical.algorithm} SPKI is not in canonical form (named curve, uncompressed point, no trailing bytes)`,
    });
  }
  return { algorithm: canonical.algorithm, keyObject, spki: canonical.spki };
}

function canonicalFormOf(key: KeyObject): Pick<DevicePublicKey, 'algorithm' | 'spki'> {
  const type = key.asymmetricKeyType;
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    const jwk = key.export({ format: 'jwk' });
    const point = new Uint8Array(65);
    point[0] = 0x04;
    point.set(fromBase64Url(jwk.x ?? ''), 1);
    point.set(fromBase64Url(jwk.y ?? ''), 33);
    return { algorithm: 'P-256', spki: canonicalP256Spki(point) };
  }
  if (type === 'ed25519') {
    const raw = fromBase64Url(key.export({ format: 'jwk' }).x ?? '');
    if (!isEd25519Point(raw)) throw new DomainError('public_key_invalid', { detail: 'Ed25519 key does not decode to a curve point' });
    return { algorithm: 'Ed25519', spki: canonicalEd25519Spki(raw) };
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  throw new DomainError('unsupported_algorithm', {
    detail: `device keys must be P-256 or Ed25519, got ${type ?? 'unknown'}${curve === undefined ? '' : ` (${curve})`}`,
  });
}
