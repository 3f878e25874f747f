import { assertDeviceSignature } from '../../../crypto/device-keys/index.ts';
import { isDeviceKey } from '../device-key-credential.ts';
import { proofOfKind, type PossessionVerifier } from './possession-proof.ts';

/**
 * A signature by the device key over the challenge bytes themselves: ECDSA P-256 with SHA-256
 * (DER or raw r||s, as Secure Enclave, Android Keystore and WebCrypto produce) or Ed25519.
 * Device keys have no counter; the stored one stays as it is.
 */
export const signatureProof: PossessionVerifier = {
  kind: 'signature',
  accepts: isDeviceKey,
  verify(_tenant, challenge, credential, proof, keys) {
    assertDeviceSignature(keys.deviceKeys.get(credential.id, credential.publicKey), challenge, proofOfKind(proof, 'signature').signature, { ecdsaFormat: 'auto' });
    return { signCount: credential.signCount, backupEligible: credential.backupEligible, backupState: credential.backupState };
  },
};
