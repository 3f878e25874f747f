import { DomainError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

/**
 * SimpleWebAuthn reports failures as `Error` messages (and a few `SimpleWebAuthnError` codes).
 * Sigil's own checks run first and catch most ceremony problems with a precise code; this table
 * maps whatever the library still rejects, first match wins. Unknown messages are
 * `attestation_invalid`: by the time the library runs, only the attestation is left to judge.
 */
const RULES: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/RUNTIME_NO_PQC_SUPPORT|does not support use of|public key alg|Unexpected public key|missing numeric alg/i, 'unsupported_algorithm'],
  [/response type/i, 'type_mismatch'],
  [/response challenge|challenge verifier/i, 'challenge_mismatch'],
  [/response origin/i, 'origin_mismatch'],
  [/RP ID/, 'rp_id_mismatch'],
  [/User verification/i, 'user_verification_required'],
  [/User presence|not present/i, 'user_presence_required'],
  [/tokenBinding|TokenBinding/, 'client_data_invalid'],
  [/Leftover bytes|Authenticator data was|No credential ID|No public key was|No AAGUID/i, 'authenticator_data_invalid'],
  [/compromised aaguid/i, 'authenticator_not_allowed'],
  [/device integrity/i, 'attestation_untrusted'],
  [/trust anchor|certificate path|chain|revoked|root certificate|out of validity|not good (before|after)|expired|not yet valid/i, 'attestation_untrusted'],
];

export function libraryErrorCode(message: string): ErrorCode {
  for (const [pattern, code] of RULES) if (pattern.test(message)) return code;
  return 'attestation_invalid';
}

/** Wraps a library failure; the library's message stays in `detail` for the log. */
export function fromLibraryError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return new DomainError(libraryErrorCode(typeof code === 'string' ? `${code} ${message}` : message), { detail: `library: ${message}`, cause: error });
}
