import type { DeviceKeyAlgorithm } from '../device-public-key.ts';
import { ecdsaP256Sha256 } from './schemes/ecdsa-p256-sha256.ts';
import { ed25519 } from './schemes/ed25519.ts';
import type { SignatureScheme } from './signature-scheme.ts';

/** The signature scheme of each device key algorithm. */
export const SIGNATURE_SCHEMES: Readonly<Record<DeviceKeyAlgorithm, SignatureScheme>> = {
  'P-256': ecdsaP256Sha256,
  Ed25519: ed25519,
};
