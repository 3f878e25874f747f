import { DomainError } from '../../../core/errors.ts';
import type { DevicePublicKey } from '../device-public-key.ts';
import { canonicalEd25519Spki } from './canonical-spki.ts';
import { publicKeyFromSpki } from './public-key-from-spki.ts';

/** A raw 32-byte Ed25519 public key (RFC 8032 §5.1.5), as Android and libsodium export it; the point is checked on the SPKI path. */
export function publicKeyFromEd25519Raw(raw: Uint8Array): DevicePublicKey {
  if (raw.length !== 32) {
    throw new DomainError('public_key_invalid', { detail: `a raw Ed25519 key is 32 bytes, got ${raw.length}` });
  }
  return publicKeyFromSpki(canonicalEd25519Spki(raw));
}
