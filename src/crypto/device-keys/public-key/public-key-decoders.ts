import type { PublicKeyDecoder, PublicKeyEncoding } from '../device-public-key.ts';
import { ed25519Base64 } from './decoders/ed25519-base64.ts';
import { ed25519Hex } from './decoders/ed25519-hex.ts';
import { spkiBase64 } from './decoders/spki-base64.ts';
import { spkiPem } from './decoders/spki-pem.ts';
import { x963Base64 } from './decoders/x963-base64.ts';
import { x963Hex } from './decoders/x963-hex.ts';

/** Every encoding's decoder; typed as a full record so a new encoding cannot lack one. */
export const PUBLIC_KEY_DECODERS: Readonly<Record<PublicKeyEncoding, PublicKeyDecoder>> = {
  'spki-pem': spkiPem,
  'x963-hex': x963Hex,
  'ed25519-hex': ed25519Hex,
  'x963-base64': x963Base64,
  'ed25519-base64': ed25519Base64,
  'spki-base64': spkiBase64,
};
