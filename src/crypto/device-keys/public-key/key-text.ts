import { fromBase64, fromHex } from '../../../core/encoding.ts';
import { DomainError } from '../../../core/errors.ts';

/** Shapes only: the strict decoders of core/encoding.ts do the real checking. */
const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isHexOfLength(text: string, byteLengths: readonly number[]): boolean {
  return HEX.test(text) && byteLengths.includes(text.length / 2);
}

/** The byte length a strict, padded base64 text decodes to, or null when it is not one. */
export function base64ByteLength(text: string): number | null {
  if (!BASE64.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes key text, reporting a malformed key as `public_key_invalid` rather than a bad request. */
export function decodeKeyText(text: string, encoding: 'hex' | 'base64'): Uint8Array {
  try {
    return encoding === 'hex' ? fromHex(text, 'public key') : fromBase64(text, 'public key');
  } catch (cause) {
    throw new DomainError('public_key_invalid', { detail: `public key is not ${encoding}`, cause });
  }
}
