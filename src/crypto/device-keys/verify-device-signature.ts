import { DomainError } from '../../core/errors.ts';
import type { DevicePublicKey } from './device-public-key.ts';
import type { VerifyOptions } from './signature/signature-scheme.ts';
import { SIGNATURE_SCHEMES } from './signature/signature-schemes.ts';

const DEFAULTS: VerifyOptions = { ecdsaFormat: 'auto' };

/**
 * Verifies a device signature over `message` with the scheme of the key's algorithm.
 *
 * Error contract: malformed signature bytes (bad DER, wrong length) throw `invalid_request`; a
 * well-formed signature that does not verify returns false. `assertDeviceSignature` turns false
 * into `signature_invalid`.
 */
export function verifyDeviceSignature(
  key: DevicePublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  options: Partial<VerifyOptions> = {},
): boolean {
  const scheme = SIGNATURE_SCHEMES[key.algorithm];
  if (scheme === undefined) {
    throw new DomainError('unsupported_algorithm', { detail: `no signature scheme for ${String(key.algorithm)}` });
  }
  return scheme.verify(key.keyObject, message, signature, { ...DEFAULTS, ...options });
}

/** Like `verifyDeviceSignature`, but a signature that does not verify throws `signature_invalid`. */
export function assertDeviceSignature(
  key: DevicePublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  options: Partial<VerifyOptions> = {},
): void {
  if (!verifyDeviceSignature(key, message, signature, options)) {
    throw new DomainError('signature_invalid', { detail: `${key.algorithm} device signature does not verify` });
  }
}
