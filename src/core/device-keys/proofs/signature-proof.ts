import { assertDeviceSignature } from '../../../crypto/device-keys/index.ts';
import { proofOfKind, type PossessionVerifier } from './possession-proof.ts';

/**
 * A signature by the device key over the challenge bytes themselves: ECDSA P-256 with SHA-256
 * (DER or raw r||s, as Secure Enclave, Android Keystore and WebCrypto produce) or Ed25519.
 * Device keys have no counter: nothing but the time of use changes.
 */
export const signatureProof: PossessionVerifier = {
  kind: 'signature',
  accepts: (credential) => credential.kind === 'device_key',
  verify(_tenant, challenge, credential, proof, keys) {
    if (credential.kind !== 'device_key') throw new RangeError(`a ${credential.kind} given to the signature verifier`);
    assertDeviceSignature(keys.deviceKeys.get(credential.id, credential.publicKey), challenge, proofOfKind(proof, 'signature').signature, { ecdsaFormat: 'auto' });
    return null;
  },
};
