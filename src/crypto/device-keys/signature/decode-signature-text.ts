import { fromBase64, fromBase64Url, fromHex } from '../../../core/encoding.ts';
import { DomainError } from '../../../core/errors.ts';

export type SignatureTextEncoding = 'hex' | 'base64' | 'base64url';

const DECODERS: Readonly<Record<SignatureTextEncoding, (text: string, field: string) => Uint8Array>> = {
  hex: fromHex,
  base64: fromBase64,
  base64url: fromBase64Url,
};

/**
 * Decodes a signature as its dialect prescribes (Duo: hex; SwapBits: base64). Strict: no
 * whitespace, standard base64 padded, base64url unpadded. Throws `invalid_request`.
 */
export function decodeSignatureText(text: string, encoding: SignatureTextEncoding): Uint8Array {
  // The largest signature here is a 72-byte DER ECDSA value; 512 characters leaves room and caps work.
  if (typeof text !== 'string' || text.length === 0 || text.length > 512) {
    throw new DomainError('invalid_request', { detail: 'signature must be a non-empty string of at most 512 characters' });
  }
  return DECODERS[encoding](text, 'signature');
}
