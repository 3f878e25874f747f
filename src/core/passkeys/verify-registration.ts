import { createHash } from 'node:crypto';
import { importCosePublicKey } from '../../crypto/cose/import-cose-public-key.ts';
import type { AttestationTrust } from '../credential.ts';
import { bytesEqual, toBase64Url, toHex } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { AttestationPreference, UserVerificationPolicy } from '../tenant.ts';
import { decodeAttestationObject } from './attestation-object.ts';
import type { AttestationObject } from './attestation-object.ts';
import { evaluateAttestationTrust } from './attestation-trust.ts';
import type { AttestationTrustPolicy } from './attestation-trust.ts';
import { parseAuthenticatorData } from './authenticator-data.ts';
import type { AttestedCredentialData, AuthenticatorData } from './authenticator-data.ts';
import { checkAuthenticatorData } from './check-authenticator-data.ts';
import { verifyClientData } from './client-data.ts';
import type { AttestationFormat } from './formats/attestation-format.ts';
import { findAttestationFormat } from './formats/attestation-formats.ts';
import { readRegistrationResponse } from './read-registration-response.ts';
import { verifyAttestationStatement } from './verify-attestation-statement.ts';
import type { RegistrationResponse } from './read-registration-response.ts';

export interface RegistrationExpectations {
  /** The challenge consumed for this ceremony: its bytes, or the base64url text that was sent. */
  readonly challenge: Uint8Array | string;
  readonly origins: readonly string[];
  /** Top origins allowed to frame the ceremony cross-origin; see `ClientDataExpectations`. */
  readonly topOrigins?: readonly string[];
  readonly rpId: string;
  readonly userVerification: UserVerificationPolicy;
  /** Default true; see `AuthenticatorDataPolicy.requireUserPresence`. */
  readonly requireUserPresence?: boolean;
  /** The COSE algorithms offered in `pubKeyCredParams` (the tenant's preference list). */
  readonly algorithms: readonly number[];
  /** The attestation conveyance preference the options carried. */
  readonly attestation: AttestationPreference;
}

export interface RegistrationTrustOptions extends AttestationTrustPolicy {
  /**
   * Trust outcomes accepted (default: all four). A deployment that must only admit certified
   * authenticators (the FIDO metadata tests) passes `['none', 'self', 'trusted']`. The
   * `enterprise` preference narrows whatever is given here to `trusted` alone.
   */
  readonly accept?: readonly AttestationTrust[];
  /** android-safetynet: require `ctsProfileMatch` (default true). */
  readonly enforceSafetyNetCtsProfile?: boolean;
}

/** Everything to store for the new passkey. */
export interface RegisteredPasskey {
  readonly credentialId: Uint8Array;
  /** The COSE_Key exactly as the authenticator encoded it. */
  readonly publicKey: Uint8Array;
  readonly algorithm: number;
  readonly signCount: number;
  /** Hyphenated lower-case; all zeros when the authenticator does not say (or may not, as U2F). */
  readonly aaguid: string;
  readonly transports: readonly string[];
  readonly attestationFormat: string;
  readonly attestationTrust: AttestationTrust;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly userVerified: boolean;
  /** The origin the ceremony ran on (one of the expected ones). */
  readonly origin: string;
  /** The authenticator model's name from FIDO metadata, when known. */
  readonly authenticatorDescription: string | null;
}

const ALL_OUTCOMES: readonly AttestationTrust[] = ['none', 'self', 'trusted', 'untrusted'];

function formatAaguid(bytes: Uint8Array): string {
  return toHex(bytes).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/** §7.1 steps 12–18 on the attestation object: authData, credential, algorithm, format shape. */
interface ReadCredential {
  readonly authData: AuthenticatorData;
  readonly credential: AttestedCredentialData;
  readonly algorithm: number;
  readonly format: AttestationFormat;
}

function readCredential(registration: RegistrationResponse, attestation: AttestationObject, expected: RegistrationExpectations): ReadCredential {
  const authData = parseAuthenticatorData(attestation.authData);
  const credential = authData.attestedCredential;
  if (credential === null) throw new DomainError('authenticator_data_invalid', { detail: 'no attested credential data (AT flag not set)' });
  checkAuthenticatorData(authData, expected);
  if (!bytesEqual(credential.credentialId, registration.rawId)) throw new DomainError('invalid_request', { detail: 'id is not the credential id in authenticator data' });
  // §7.1 step 18: the credential's algorithm is one of those offered (and one Sigil can verify).
  const algorithm = importCosePublicKey(credential.publicKey).algorithm.alg;
  if (!expected.algorithms.includes(algorithm)) throw new DomainError('unsupported_algorithm', { detail: `COSE alg ${algorithm} was not offered` });
  const format = findAttestationFormat(attestation.fmt);
  if (format === undefined) throw new DomainError('attestation_invalid', { detail: `unsupported attestation format ${JSON.stringify(attestation.fmt)}` });
  format.precheck({ attStmt: attestation.attStmt, authData, credentialAlgorithm: algorithm });
  return { authData, credential, algorithm, format };
}

/**
 * Verifies a registration (WebAuthn L3 §7.1). Sigil checks the envelope, client data,
 * authenticator data, algorithm and statement shape itself; SimpleWebAuthn verifies the
 * attestation statement (none, packed, tpm, android-key, android-safetynet, fido-u2f, apple);
 * Sigil then judges the trust path with `trust.now`, its anchors, FIDO metadata and CRLs.
 * The caller has consumed the challenge and checks that the credential id is not yet registered
 * (the §7.1 step after the length check). Every failure is a `DomainError`.
 */
export async function verifyRegistration(response: unknown, expected: RegistrationExpectations, trust: RegistrationTrustOptions): Promise<RegisteredPasskey> {
  const registration = readRegistrationResponse(response);
  const challenge = typeof expected.challenge === 'string' ? expected.challenge : toBase64Url(expected.challenge);
  // §7.1 steps 5–10: client data.
  const clientData = verifyClientData(registration.clientDataJSON, { type: 'webauthn.create', challenge, origins: expected.origins, topOrigins: expected.topOrigins });
  const attestation = decodeAttestationObject(registration.attestationObject);
  const { authData, credential, algorithm, format } = readCredential(registration, attestation, expected);
  // §7.1, after the algorithm check: the fmt is known and its verification procedure passes.
  if (format.verify !== undefined) {
    const clientDataHash = new Uint8Array(createHash('sha256').update(registration.clientDataJSON).digest());
    format.verify({ attStmt: attestation.attStmt, authData: attestation.authData, clientDataHash, credentialKey: importCosePublicKey(credential.publicKey).key });
  } else {
    await verifyAttestationStatement(registration, { ...expected, origin: clientData.origin, challenge }, trust);
  }
  // §7.1, next steps: trust anchors for the fmt and the trustworthiness of the attestation.
  const aaguid = formatAaguid(credential.aaguid);
  const outcome = evaluateAttestationTrust(format.trustPath(attestation.attStmt), { fmt: attestation.fmt, aaguid, credentialAlgorithm: algorithm }, trust);
  const accepted = (trust.accept ?? ALL_OUTCOMES).filter((t) => expected.attestation !== 'enterprise' || t === 'trusted');
  if (!accepted.includes(outcome.trust)) throw new DomainError('attestation_untrusted', { detail: `attestation trust ${outcome.trust} is not accepted` });
  return {
    credentialId: Uint8Array.from(credential.credentialId),
    publicKey: Uint8Array.from(credential.publicKey),
    algorithm,
    signCount: authData.signCount,
    aaguid,
    transports: registration.transports,
    attestationFormat: attestation.fmt,
    attestationTrust: outcome.trust,
    backupEligible: authData.flags.backupEligible,
    backupState: authData.flags.backupState,
    userVerified: authData.flags.userVerified,
    origin: clientData.origin,
    authenticatorDescription: outcome.metadata?.description ?? null,
  };
}
