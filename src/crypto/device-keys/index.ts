/**
 * Device keys: the public surface. App-held keys (Secure Enclave, Android Keystore) are parsed
 * into one canonical form and their signatures verified by a scheme chosen by key algorithm.
 */
export type { DeviceKeyAlgorithm, DevicePublicKey, PublicKeyEncoding } from './device-public-key.ts';
export { PUBLIC_KEY_ENCODINGS } from './device-public-key.ts';
export { parseDevicePublicKey } from './parse-device-public-key.ts';
export type { ParseDevicePublicKeyOptions } from './parse-device-public-key.ts';
export { publicKeyFromSpki } from './public-key/public-key-from-spki.ts';
export { fingerprint } from './fingerprint.ts';
export { decodeSignatureText } from './signature/decode-signature-text.ts';
export type { SignatureTextEncoding } from './signature/decode-signature-text.ts';
export type { EcdsaSignatureFormat, VerifyOptions } from './signature/signature-scheme.ts';
export { assertDeviceSignature, verifyDeviceSignature } from './verify-device-signature.ts';
