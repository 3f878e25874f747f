import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * RFC 5280 §4.2.1.2 method 1: SHA-1 over the subjectPublicKey BIT STRING contents. FIDO metadata
 * names U2F authenticators by this value (`attestationCertificateKeyIdentifiers`, lower-case
 * hex). The key bits are rebuilt from the key rather than cut out of the SPKI: the uncompressed
 * point for EC, the PKCS#1 `RSAPublicKey` for RSA, the raw key for EdDSA.
 */
export function subjectKeyIdentifier(publicKey: KeyObject): Uint8Array {
  let keyBits: Uint8Array;
  switch (publicKey.asymmetricKeyType) {
    case 'ec': {
      const jwk = publicKey.export({ format: 'jwk' });
      keyBits = Buffer.concat([Uint8Array.of(0x04), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
      break;
    }
    case 'rsa':
      keyBits = publicKey.export({ type: 'pkcs1', format: 'der' });
      break;
    case 'ed25519':
    case 'ed448':
      keyBits = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
      break;
    default:
      throw new Error(`no key identifier rule for ${publicKey.asymmetricKeyType} keys`);
  }
  return new Uint8Array(createHash('sha1').update(keyBits).digest());
}
