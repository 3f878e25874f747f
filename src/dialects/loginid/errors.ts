import type { ErrorCode } from '../../core/errors.ts';
import { ERROR_MESSAGES } from '../../http/error-messages.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';
import { InputError } from '../input-error.ts';

/** One row of LoginID's table: HTTP status and `msgCode`; `msg` is Sigil's text for the code. */
export interface LoginIdErrorRow {
  readonly status: number;
  readonly msgCode: string;
}

const BAD_REQUEST: LoginIdErrorRow = { status: 400, msgCode: 'bad_request' };
const UNAUTHORIZED: LoginIdErrorRow = { status: 401, msgCode: 'unauthorized' };
const FORBIDDEN: LoginIdErrorRow = { status: 403, msgCode: 'forbidden' };
const NOT_FOUND: LoginIdErrorRow = { status: 404, msgCode: 'not_found' };
// LoginID documents no code for these; the status says what a client should do.
const TOO_MANY: LoginIdErrorRow = { status: 429, msgCode: 'too_many_requests' };
const UNAVAILABLE: LoginIdErrorRow = { status: 503, msgCode: 'service_unavailable' };

/**
 * LoginID's codes (`bad_request`, `unauthorized`, `forbidden`, `not_found`, `internal_error`)
 * for every Sigil code. A failed WebAuthn check is the client's `bad_request`, as LoginID answers.
 */
export const LOGINID_ERRORS: { readonly [K in ErrorCode]: LoginIdErrorRow } = {
  invalid_request: BAD_REQUEST,
  not_found: NOT_FOUND,
  tenant_not_found: NOT_FOUND,
  payload_too_large: { status: 413, msgCode: 'bad_request' },
  unauthorized: UNAUTHORIZED,
  forbidden: FORBIDDEN,
  token_invalid: UNAUTHORIZED,
  token_expired: UNAUTHORIZED,
  token_revoked: UNAUTHORIZED,
  user_not_found: NOT_FOUND,
  user_disabled: FORBIDDEN,
  username_taken: BAD_REQUEST,
  signup_disabled: FORBIDDEN,
  registration_not_allowed: FORBIDDEN,
  credential_not_found: NOT_FOUND,
  credential_revoked: FORBIDDEN,
  credential_conflict: BAD_REQUEST,
  device_not_found: NOT_FOUND,
  unsupported_algorithm: BAD_REQUEST,
  public_key_invalid: BAD_REQUEST,
  challenge_not_found: BAD_REQUEST,
  challenge_expired: BAD_REQUEST,
  challenge_mismatch: BAD_REQUEST,
  client_data_invalid: BAD_REQUEST,
  type_mismatch: BAD_REQUEST,
  origin_mismatch: BAD_REQUEST,
  rp_id_mismatch: BAD_REQUEST,
  authenticator_data_invalid: BAD_REQUEST,
  user_presence_required: BAD_REQUEST,
  user_verification_required: BAD_REQUEST,
  signature_invalid: BAD_REQUEST,
  sign_count_regressed: BAD_REQUEST,
  attestation_invalid: BAD_REQUEST,
  attestation_untrusted: BAD_REQUEST,
  authenticator_not_allowed: FORBIDDEN,
  rate_limited: TOO_MANY,
  locked_out: TOO_MANY,
  capacity_exceeded: UNAVAILABLE,
  face_not_registered: FORBIDDEN,
  face_verification_required: FORBIDDEN,
  face_verification_failed: FORBIDDEN,
  face_already_registered: BAD_REQUEST,
  face_service_unavailable: UNAVAILABLE,
  keyshare_not_found: NOT_FOUND,
  service_unavailable: UNAVAILABLE,
  // A wrong, used or expired code is LoginID's 401 (its verify routes answer `unauthorized`).
  code_invalid: UNAUTHORIZED,
  code_expired: UNAUTHORIZED,
  channel_unavailable: BAD_REQUEST,
  delivery_failed: UNAVAILABLE,
};

/** `{msg, msgCode}`: an input error's own sentence, else Sigil's text for the code. */
export const LOGINID_ERROR_TABLE: ErrorTable = buildErrorTable(
  LOGINID_ERRORS,
  (row) => row.status,
  (error, row) => ({ msg: error instanceof InputError ? error.publicMessage : ERROR_MESSAGES[error.code], msgCode: row.msgCode }),
);

export const loginIdOpaque500 = (): unknown => ({ msg: 'Internal server error.', msgCode: 'internal_error' });
