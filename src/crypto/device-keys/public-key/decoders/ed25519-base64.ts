import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { base64ByteLength, decodeKeyText } from '../key-text.ts';
import { publicKeyFromEd25519Raw } from '../public-key-from-ed25519-raw.ts';

/** Raw 32-byte Ed25519 public key in standard padded base64 (44 characters). */
export const ed25519Base64: PublicKeyDecoder = {
  encoding: 'ed25519-base64',
  looksLike: (text) => base64ByteLength(text) === 32,
  decode: (text) => publicKeyFromEd25519Raw(decodeKeyText(text, 'base64')),
};
