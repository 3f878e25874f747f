import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { decodeKeyText, isHexOfLength } from '../key-text.ts';
import { publicKeyFromX963Point } from '../public-key-from-x963-point.ts';

/** P-256 uncompressed point `04 || X || Y` as 130 hex digits (the Duo `device_id`). */
export const x963Hex: PublicKeyDecoder = {
  encoding: 'x963-hex',
  // 33-byte compressed points are claimed too, so that they get a precise refusal.
  looksLike: (text) => isHexOfLength(text, [65, 33]),
  decode: (text) => publicKeyFromX963Point(decodeKeyText(text, 'hex')),
};
