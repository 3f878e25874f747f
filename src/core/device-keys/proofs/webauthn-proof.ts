import { toBase64Url } from '../../encoding.ts';
import { verifyAssertion } from '../../passkeys/verify-assertion.ts';
import { proofOfKind, type PossessionVerifier } from './possession-proof.ts';

/**
 * A WebAuthn assertion (L3 §7.2) by a platform credential enrolled for a device, answering the
 * device challenge as its WebAuthn challenge. The wire names no credential id: the candidate
 * credential supplies it, and the signature decides which candidate answered. User verification
 * is required: the credential stands in for a biometric-gated key.
 */
export const webauthnProof: PossessionVerifier = {
  kind: 'webauthn',
  accepts: (credential) => credential.kind === 'passkey' && credential.deviceId !== null,
  verify(tenant, challenge, credential, given, keys) {
    if (credential.kind !== 'passkey') throw new RangeError(`a ${credential.kind} given to the WebAuthn verifier`);
    const proof = proofOfKind(given, 'webauthn');
    const response = {
      id: toBase64Url(credential.credentialId),
      type: 'public-key',
      response: { authenticatorData: proof.authenticatorData, clientDataJSON: proof.clientDataJSON, signature: proof.signature },
    };
    const result = verifyAssertion(response, { challenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: 'required' }, credential, keys.passkeys);
    return { signCount: result.newSignCount, backupEligible: result.backupEligible, backupState: result.backupState };
  },
};
