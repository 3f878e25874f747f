import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { base64ByteLength, decodeKeyText } from '../key-text.ts';
import { publicKeyFromSpki } from '../public-key-from-spki.ts';

/** DER SubjectPublicKeyInfo in standard padded base64, as Android `PublicKey.getEncoded()`. */
export const spkiBase64: PublicKeyDecoder = {
  encoding: 'spki-base64',
  // A DER SEQUENCE starts with 0x30, which base64 spells with a leading "M".
  looksLike: (text) => text.startsWith('M') && base64ByteLength(text) !== null,
  decode: (text) => publicKeyFromSpki(decodeKeyText(text, 'base64')),
};
