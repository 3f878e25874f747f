import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { fromLibraryError } from './library-error-code.ts';
import { detachLibraryTrustStore } from './library-trust-store.ts';
import type { RegistrationResponse } from './read-registration-response.ts';

export interface StatementExpectations {
  /** The challenge text, already checked against the client data. */
  readonly challenge: string;
  /** The origin the client data carried, already checked. */
  readonly origin: string;
  readonly rpId: string;
  readonly requireUserPresence?: boolean;
  readonly userVerification: 'required' | 'preferred' | 'discouraged';
  readonly algorithms: readonly number[];
}

/**
 * The attestation statement's cryptography (the fmt verification procedure of WebAuthn L3 §7.1 and §8), done by
 * SimpleWebAuthn's `verifyRegistrationResponse`. It re-runs the ceremony checks Sigil already
 * made (harmless), then the format's verification procedure. Its trust store is emptied first,
 * so it never judges certificate chains itself. Every failure becomes one `DomainError`.
 */
export async function verifyAttestationStatement(
  registration: RegistrationResponse,
  expected: StatementExpectations,
  options: { readonly enforceSafetyNetCtsProfile?: boolean },
): Promise<void> {
  detachLibraryTrustStore();
  const response = {
    id: registration.id,
    // The library wants rawId; the conformance tool does not send it, and it equals id.
    rawId: registration.id,
    type: 'public-key' as const,
    response: {
      clientDataJSON: toBase64Url(registration.clientDataJSON),
      attestationObject: toBase64Url(registration.attestationObject),
      transports: [...registration.transports],
    },
    clientExtensionResults: {},
  };
  let verified: boolean;
  try {
    ({ verified } = await verifyRegistrationResponse({
      response: response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.origin,
      expectedRPID: expected.rpId,
      requireUserPresence: expected.requireUserPresence !== false,
      requireUserVerification: expected.userVerification === 'required',
      supportedAlgorithmIDs: [...expected.algorithms],
      attestationSafetyNetEnforceCTSCheck: options.enforceSafetyNetCtsProfile !== false,
    }));
  } catch (error) {
    throw fromLibraryError(error);
  }
  if (!verified) throw new DomainError('attestation_invalid', { detail: 'attestation signature did not verify' });
}
