import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { base64ByteLength, decodeKeyText } from '../key-text.ts';
import { publicKeyFromX963Point } from '../public-key-from-x963-point.ts';

/** P-256 uncompressed point `04 || X || Y` in standard padded base64 (88 characters). */
export const x963Base64: PublicKeyDecoder = {
  encoding: 'x963-base64',
  looksLike: (text) => [65, 33].includes(base64ByteLength(text) ?? -1),
  decode: (text) => publicKeyFromX963Point(decodeKeyText(text, 'base64')),
};
