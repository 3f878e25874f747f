import { DomainError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

/**
 * SimpleWebAuthn (pinned exactly in package.json) reports most failures only as `Error` message
 * text; one runtime failure carries a code. Sigil's own checks run first and catch most ceremony
 * problems with a precise code; this table maps whatever the library still rejects. Each entry
 * is a fragment of a message the pinned release really produces, matched verbatim and in order;
 * `library-error-code.test.ts` finds every fragment in the installed library, so an upgrade that
 * rewords a message fails the suite instead of silently changing a code. Unknown messages are
 * `attestation_invalid`: by the time the library runs, only the attestation is left to judge.
 */
export const LIBRARY_MESSAGE_CODES: ReadonlyArray<readonly [fragment: string, code: ErrorCode]> = [
  ['RUNTIME_NO_PQC_SUPPORT', 'unsupported_algorithm'],
  ['does not support use of', 'unsupported_algorithm'],
  ['Unexpected public key alg', 'unsupported_algorithm'],
  ['Credential public key was missing numeric alg', 'unsupported_algorithm'],
  ['Unexpected registration response type', 'type_mismatch'],
  ['Unexpected registration response challenge', 'challenge_mismatch'],
  ['Custom challenge verifier returned false', 'challenge_mismatch'],
  ['Unexpected registration response origin', 'origin_mismatch'],
  ['Unexpected RP ID hash', 'rp_id_mismatch'],
  ['User verification was required, but user could not be verified', 'user_verification_required'],
  ['User presence was required, but user was not present', 'user_presence_required'],
  ['Unexpected tokenBinding.status value of', 'client_data_invalid'],
  ['Unexpected value for TokenBinding', 'client_data_invalid'],
  ['Leftover bytes detected while parsing authenticator data', 'authenticator_data_invalid'],
  ['Authenticator data was', 'authenticator_data_invalid'],
  ['No credential ID was provided by authenticator', 'authenticator_data_invalid'],
  ['No public key was provided by authenticator', 'authenticator_data_invalid'],
  ['No AAGUID was present during registration', 'authenticator_data_invalid'],
  ['Detected compromised aaguid', 'authenticator_not_allowed'],
  ['Could not verify device integrity', 'attestation_untrusted'],
  ['x5c could not be chained to any specified trust anchor', 'attestation_untrusted'],
  ['No specified trust anchor was valid for verifying x5c', 'attestation_untrusted'],
  ['Found revoked certificate in certificate path', 'attestation_untrusted'],
  ['x5c root certificate was not a known root certificate', 'attestation_untrusted'],
  ['Found certificate out of validity period', 'attestation_untrusted'],
  ['Certificate not good before', 'attestation_untrusted'],
  ['Certificate not good after', 'attestation_untrusted'],
  ['Certificate is not yet valid or expired', 'attestation_untrusted'],
];

export function libraryErrorCode(message: string): ErrorCode {
  for (const [fragment, code] of LIBRARY_MESSAGE_CODES) if (message.includes(fragment)) return code;
  return 'attestation_invalid';
}

/** Wraps a library failure; the library's message stays in `detail` for the log. */
export function fromLibraryError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return new DomainError(libraryErrorCode(typeof code === 'string' ? `${code} ${message}` : message), { detail: `library: ${message}`, cause: error });
}
