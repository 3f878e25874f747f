import type { PublicKeyDecoder } from '../../device-public-key.ts';
import { decodeKeyText, isHexOfLength } from '../key-text.ts';
import { publicKeyFromEd25519Raw } from '../public-key-from-ed25519-raw.ts';

/** Raw 32-byte Ed25519 public key as 64 hex digits. */
export const ed25519Hex: PublicKeyDecoder = {
  encoding: 'ed25519-hex',
  looksLike: (text) => isHexOfLength(text, [32]),
  decode: (text) => publicKeyFromEd25519Raw(decodeKeyText(text, 'hex')),
};
