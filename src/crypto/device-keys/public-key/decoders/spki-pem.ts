import { DomainError } from '../../../../core/errors.ts';
import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { decodeKeyText } from '../key-text.ts';
import { publicKeyFromSpki } from '../public-key-from-spki.ts';

/**
 * One RFC 7468 `PUBLIC KEY` block and nothing else. Parsed here rather than by OpenSSL, which
 * would also accept a private key, other labels, or several blocks.
 */
const PEM = /^\s*-----BEGIN PUBLIC KEY-----\r?\n((?:[A-Za-z0-9+/=]+\r?\n)+)-----END PUBLIC KEY-----\s*$/;

export const spkiPem: PublicKeyDecoder = {
  encoding: 'spki-pem',
  looksLike: (text) => text.trimStart().startsWith('-----BEGIN'),
  decode(text) {
    const body = PEM.exec(text)?.[1];
    if (body === undefined) throw new DomainError('public_key_invalid', { detail: 'not a single PEM PUBLIC KEY block' });
    return publicKeyFromSpki(decodeKeyText(body.replace(/\r?\n/g, ''), 'base64'));
  },
};
