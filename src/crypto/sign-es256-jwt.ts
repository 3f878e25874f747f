import { sign, type KeyObject } from 'node:crypto';
import { ecdsaDerToRaw } from './ecdsa-signature.ts';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact ES256 JWS (RFC 7515 §7.1, RFC 7518 §3.4: the signature is R || S, 64 bytes). Signing
 * is on the login hot path: this costs one `crypto.sign`, where a WebCrypto round trip
 * through a general JOSE library costs nearly twice that. Verification stays with `jose`.
 */
export function signEs256Jwt(header: { readonly kid: string; readonly typ: string }, claims: object, privateKey: KeyObject): string {
  const input = `${encode({ alg: 'ES256', ...header })}.${encode(claims)}`;
  // A bare KeyObject, then DER to R || S here: `{ key, dsaEncoding }` makes node:crypto copy the
  // key on every call, which more than doubles the cost of the signature.
  const signature = ecdsaDerToRaw(sign('sha256', Buffer.from(input), privateKey));
  if (signature === null) throw new Error('OpenSSL returned an ECDSA signature that is not strict P-256 DER');
  return `${input}.${Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64url')}`;
}
