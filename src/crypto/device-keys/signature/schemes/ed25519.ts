import { verify } from 'node:crypto';
import { DomainError } from '../../../../core/errors.ts';
import type { SignatureScheme } from '../signature-scheme.ts';

/** PureEdDSA over edwards25519 (RFC 8032 §5.1.7): the message is signed as is, unhashed. */
export const ed25519: SignatureScheme = {
  algorithm: 'Ed25519',
  verify(key, message, signature) {
    if (signature.length !== 64) {
      throw new DomainError('invalid_request', { detail: `Ed25519 signature must be 64 bytes, got ${signature.length}` });
    }
    return verify(null, message, key, signature);
  },
};
