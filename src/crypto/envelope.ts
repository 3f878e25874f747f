import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for secrets at rest (signing keys, key-share backups): every value gets a
 * fresh 256-bit data key; the data is sealed with AES-256-GCM under that key, and the data key is
 * sealed under the master key. Both layers bind `context` (tenant, record kind, ids) as
 * associated data, so a sealed value copied onto another record does not open.
 *
 * Format: `s1.<master key id>.<iv>.<sealed data key>.<iv>.<sealed data>`, base64url parts.
 */
export interface Sealer {
  /** Short fingerprint of the master key, stored in every sealed value. */
  readonly keyId: string;
  seal(plaintext: Uint8Array, context: string): string;
  open(sealed: string, context: string): Uint8Array;
}

const VERSION = 's1';

export function masterKeyId(masterKey: Uint8Array): string {
  return createHash('sha256').update('sigil/master-key-id').update(masterKey).digest('hex').slice(0, 16);
}

export function createSealer(masterKey: Uint8Array): Sealer {
  if (masterKey.byteLength !== 32) throw new RangeError('the master key must be 32 bytes');
  const key = Buffer.from(masterKey);
  const keyId = masterKeyId(masterKey);
  return {
    keyId,
    seal(plaintext, context) {
      const dataKey = randomBytes(32);
      const [wrapIv, wrapped] = gcmSeal(key, dataKey, `${VERSION}|dek|${context}`);
      const [dataIv, data] = gcmSeal(dataKey, Buffer.from(plaintext), `${VERSION}|data|${context}`);
      dataKey.fill(0);
      return [VERSION, keyId, wrapIv, wrapped, dataIv, data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 6 || parts[0] !== VERSION) throw new Error('not a sealed value');
      if (parts[1] !== keyId) throw new Error(`value was sealed under master key ${parts[1]}, but the configured master key is ${keyId}`);
      const [wrapIv, wrapped, dataIv, data] = parts.slice(2).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
      const dataKey = gcmOpen(key, wrapIv, wrapped, `${VERSION}|dek|${context}`);
      try {
        return new Uint8Array(gcmOpen(dataKey, dataIv, data, `${VERSION}|data|${context}`));
      } finally {
        dataKey.fill(0);
      }
    },
  };
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): [Buffer, Buffer] {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [iv, body];
}

function gcmOpen(key: Buffer, iv: Buffer, body: Buffer, aad: string): Buffer {
  if (iv.length !== 12 || body.length < 16) throw new Error('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  } catch {
    throw new Error('sealed value failed authentication (tampered, or bound to another record)');
  }
}
