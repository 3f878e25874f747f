/**
 * The closed set of failures the core can report. Every dialect maps each code to its own
 * status and envelope through a table typed `Record<ErrorCode, …>`, so adding a code here
 * makes the compiler point at every dialect that has not decided how to render it.
 */
export const ERROR_CODES = [
  // request shape and routing
  'invalid_request',
  'not_found',
  'tenant_not_found',
  'payload_too_large',
  // who is calling
  'unauthorized',
  'forbidden',
  'token_invalid',
  'token_expired',
  'token_revoked',
  // accounts
  'user_not_found',
  'user_disabled',
  'username_taken',
  'signup_disabled',
  'registration_not_allowed',
  // credentials (passkeys and device keys)
  'credential_not_found',
  'credential_revoked',
  'credential_conflict',
  'device_not_found',
  'unsupported_algorithm',
  'public_key_invalid',
  // challenges
  'challenge_not_found',
  'challenge_expired',
  'challenge_mismatch',
  // WebAuthn ceremony checks
  'client_data_invalid',
  'type_mismatch',
  'origin_mismatch',
  'rp_id_mismatch',
  'authenticator_data_invalid',
  'user_presence_required',
  'user_verification_required',
  'signature_invalid',
  'sign_count_regressed',
  'attestation_invalid',
  'attestation_untrusted',
  'authenticator_not_allowed',
  // abuse controls
  'rate_limited',
  'locked_out',
  'capacity_exceeded',
  // face step-up
  'face_not_registered',
  'face_verification_required',
  'face_verification_failed',
  'face_already_registered',
  'face_service_unavailable',
  // key shares
  'keyshare_not_found',
  // one-time codes and their delivery
  'code_invalid',
  'code_expired',
  'channel_unavailable',
  'delivery_failed',
  // dependencies
  'service_unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainErrorOptions {
  /** Internal explanation: logged with the request id, never sent to a client. */
  readonly detail?: string;
  /** Seconds a client should wait before retrying (rate limits, lockouts). Public. */
  readonly retryAfterSeconds?: number;
  /** The underlying library failure, kept for the log. */
  readonly cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Shorthand for guard clauses: `ensure(cond, 'origin_mismatch', 'why')`. */
export function ensure(condition: unknown, code: ErrorCode, detail?: string): asserts condition {
  if (!condition) throw new DomainError(code, detail === undefined ? {} : { detail });
}
