import type { CoreDeps } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { decodeAttestationObject } from '../passkeys/attestation-object.ts';
import { parseAuthenticatorData } from '../passkeys/authenticator-data.ts';
import { decodeBase64Url } from '../passkeys/response-fields.ts';
import { verifyRegistration, type RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';

/** A WebAuthn credential created on a device for its enrollment (BioKey's hardened `/enroll`). */
export interface DevicePasskeyRegistration {
  /** base64url, as the client sent them. */
  readonly attestationObject: string;
  readonly clientDataJSON: string;
  /**
   * The creation challenge as `clientDataJSON` carries it (base64url text). The client chose it
   * itself (BioKey's SDK never asks the server), so it proves no freshness: the enrollment that
   * uses it must not rely on freshness (see `enrollForUsername`).
   */
  readonly clientChallenge: string;
}

/**
 * Verifies the registration (WebAuthn L3 §7.1, `verifyRegistration`): type `webauthn.create`,
 * origin among the tenant's origins, RP ID hash, user presence and verification (required: the
 * credential stands in for a biometric-gated key), an offered algorithm, the attestation
 * statement of its format and the tenant's attestation policy. Step 9 (the challenge) compares
 * with the client's own challenge, so it checks nothing more. The wire names no credential id,
 * so the envelope takes the one in the attested credential data.
 */
export async function verifyDevicePasskey(deps: Pick<CoreDeps, 'clock' | 'passkeys'>, tenant: Tenant, registration: DevicePasskeyRegistration): Promise<RegisteredPasskey> {
  const id = toBase64Url(attestedCredentialIdOf(registration.attestationObject));
  const response = { id, rawId: id, type: 'public-key', response: { attestationObject: registration.attestationObject, clientDataJSON: registration.clientDataJSON } };
  const { policies } = tenant;
  return verifyRegistration(
    response,
    { challenge: registration.clientChallenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: 'required', algorithms: policies.algorithms, attestation: policies.attestation },
    { ...deps.passkeys.trust, now: deps.clock.now() },
  );
}

function attestedCredentialIdOf(attestationObject: string): Uint8Array {
  const { authData } = decodeAttestationObject(decodeBase64Url(attestationObject, 'attestationObject'));
  const attested = parseAuthenticatorData(authData).attestedCredential;
  if (attested === null) throw new DomainError('authenticator_data_invalid', { detail: 'no attested credential data (AT flag not set)' });
  return attested.credentialId;
}
