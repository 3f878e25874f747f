import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../../../core/errors.ts';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../../ecdsa-signature.ts';
import type { SignatureScheme } from '../signature-scheme.ts';

/** ECDSA over P-256 with SHA-256 of the message (FIPS 186-5 §6.4.2; COSE ES256, JOSE ES256). */
export const ecdsaP256Sha256: SignatureScheme = {
  algorithm: 'P-256',
  verify(key, message, signature, { ecdsaFormat }) {
    const fromDer = ecdsaFormat === 'raw' ? null : ecdsaDerToRaw(signature);
    const asRaw = ecdsaFormat !== 'der' && signature.length === 64 ? signature : null;
    if (fromDer === null && asRaw === null) {
      throw new DomainError('invalid_request', {
        detail: `ECDSA signature is not ${ecdsaFormat === 'auto' ? 'strict DER or 64-byte r||s' : ecdsaFormat === 'der' ? 'strict DER' : '64-byte r||s'} (${signature.length} bytes)`,
      });
    }
    // A 64-byte value that is also valid DER is ambiguous in `auto`: either reading may be meant.
    return (fromDer !== null && verifyRaw(key, message, fromDer)) || (asRaw !== null && verifyRaw(key, message, asRaw));
  },
};

function verifyRaw(key: KeyObject, message: Uint8Array, raw: Uint8Array): boolean {
  // OpenSSL answers false for r or s outside [1, n−1], so range checks need no code here. DER
  // with a bare KeyObject: an options object would cost node:crypto a key copy per call.
  return verify('sha256', message, key, ecdsaRawToDer(raw));
}
