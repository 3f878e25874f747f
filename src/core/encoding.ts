import { DomainError } from './errors.ts';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Strict base64url (RFC 4648 §5, no padding): Node's own decoder skips characters it does
 * not know, which would let a malformed value through.
 */
export function fromBase64Url(text: string, field = 'value'): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new DomainError('invalid_request', { detail: `${field} is not base64url` });
  }
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** Strict standard base64 with padding. */
export function fromBase64(text: string, field = 'value'): Uint8Array {
  if (!BASE64.test(text)) throw new DomainError('invalid_request', { detail: `${field} is not base64` });
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function fromHex(text: string, field = 'value'): Uint8Array {
  if (!HEX.test(text)) throw new DomainError('invalid_request', { detail: `${field} is not hex` });
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
