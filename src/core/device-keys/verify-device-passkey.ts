import type { CoreDeps } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { decodeAttestationObject } from '../passkeys/attestation-object.ts';
import { parseAuthenticatorData } from '../passkeys/authenticator-data.ts';
import { decodeBase64Url } from '../passkeys/response-fields.ts';
import { verifyRegistration, type RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';
import { accountKeyOf, type DeviceAccount } from './device-account.ts';
import { takeDeviceChallenge } from './take-device-challenge.ts';

/** A WebAuthn credential created for a device enrollment (BioKey's hardened `/enroll`). */
export interface DevicePasskeyRegistration {
  /** base64url, as the client sent them. */
  readonly attestationObject: string;
  readonly clientDataJSON: string;
  /** Handle of the device challenge the creation answered (the dialect reads it from clientDataJSON). */
  readonly challengeHandle: string;
}

/**
 * Verifies the registration (WebAuthn L3 §7.1, `verifyRegistration`) against a device challenge
 * Sigil issued, consumed here, with user verification required: the credential stands in for a
 * biometric-gated key. The wire names no credential id, so the envelope takes the one in the
 * attested credential data.
 */
export async function verifyDevicePasskey(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock' | 'passkeys'>,
  tenant: Tenant,
  account: DeviceAccount,
  registration: DevicePasskeyRegistration,
): Promise<RegisteredPasskey> {
  const challenge = await takeDeviceChallenge(deps, tenant, registration.challengeHandle);
  if (challenge.account !== null && challenge.account !== accountKeyOf(account)) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge issued to another account' });
  }
  const id = toBase64Url(attestedCredentialIdOf(registration.attestationObject));
  const response = { id, rawId: id, type: 'public-key', response: { attestationObject: registration.attestationObject, clientDataJSON: registration.clientDataJSON } };
  const { policies } = tenant;
  return verifyRegistration(
    response,
    { challenge: challenge.challenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: 'required', algorithms: policies.algorithms, attestation: policies.attestation },
    { ...deps.passkeys.trust, now: deps.clock.now() },
  );
}

function attestedCredentialIdOf(attestationObject: string): Uint8Array {
  const { authData } = decodeAttestationObject(decodeBase64Url(attestationObject, 'attestationObject'));
  const attested = parseAuthenticatorData(authData).attestedCredential;
  if (attested === null) throw new DomainError('authenticator_data_invalid', { detail: 'no attested credential data (AT flag not set)' });
  return attested.credentialId;
}
