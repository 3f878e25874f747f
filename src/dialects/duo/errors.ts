import type { ErrorCode } from '../../core/errors.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';

/** One row of Duo's error table: HTTP status, the 6-digit code and the text clients see. */
export interface DuoErrorRow {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/** Never the rendering of a domain code: the body of every unexpected failure. */
export const DUO_INTERNAL_ERROR: DuoErrorRow = { status: 500, code: 100000, message: 'Internal server error.' };

/**
 * Duo's one table of error codes, documented in docs/dialects/duo.md (a test keeps the two in
 * step). A code is `1` + a two-digit area + a three-digit detail: 00 request and service,
 * 01 authentication and access, 02 device registration, 03 keys and keyshares, 07 face.
 * 100101, 100301 and 100702 are the vendor's; the rest follow its scheme. Codes Duo never
 * raises (WebAuthn checks) share one entry.
 */
export const DUO_ERRORS: { readonly [K in ErrorCode]: DuoErrorRow } = {
  invalid_request: { status: 400, code: 100001, message: 'The request is malformed or incomplete.' },
  not_found: { status: 404, code: 100002, message: 'Not found.' },
  tenant_not_found: { status: 404, code: 100003, message: 'Unknown tenant.' },
  payload_too_large: { status: 413, code: 100004, message: 'The request body is too large.' },
  rate_limited: { status: 429, code: 100005, message: 'Too many requests; retry later.' },
  locked_out: { status: 429, code: 100006, message: 'Too many failed attempts; retry later.' },
  capacity_exceeded: { status: 503, code: 100007, message: 'The server is busy; retry later.' },
  service_unavailable: { status: 503, code: 100008, message: 'A dependency is unavailable; retry later.' },
  channel_unavailable: { status: 400, code: 100009, message: 'This delivery channel is not available.' },
  delivery_failed: { status: 503, code: 100010, message: 'The code could not be sent; retry later.' },
  unauthorized: { status: 401, code: 100101, message: 'Authentication is required.' },
  token_invalid: { status: 401, code: 100102, message: 'The access token is invalid.' },
  token_expired: { status: 401, code: 100103, message: 'The access token has expired.' },
  token_revoked: { status: 401, code: 100104, message: 'The access token has been revoked.' },
  forbidden: { status: 403, code: 100105, message: 'This operation is not permitted for this caller.' },
  user_disabled: { status: 403, code: 100106, message: 'The account is disabled.' },
  user_not_found: { status: 404, code: 100107, message: 'User not found.' },
  username_taken: { status: 409, code: 100108, message: 'The username is already registered.' },
  signup_disabled: { status: 403, code: 100109, message: 'Sign-up is not open.' },
  registration_not_allowed: { status: 403, code: 100110, message: 'Registration is not allowed.' },
  code_invalid: { status: 400, code: 100111, message: 'The verification code is wrong or no longer valid.' },
  code_expired: { status: 400, code: 100112, message: 'The verification code has expired; request a new one.' },
  public_key_invalid: { status: 400, code: 100201, message: 'The device verifying key is not a valid P-256 public key in hex.' },
  unsupported_algorithm: { status: 400, code: 100202, message: 'The key algorithm is not supported.' },
  challenge_not_found: { status: 400, code: 100203, message: 'No unused challenge for this device; request a new one.' },
  challenge_expired: { status: 400, code: 100204, message: 'The challenge has expired; request a new one.' },
  challenge_mismatch: { status: 400, code: 100205, message: 'The challenge was issued for another device or user.' },
  signature_invalid: { status: 400, code: 100206, message: 'The device signature is invalid.' },
  credential_conflict: { status: 409, code: 100207, message: 'The device is already registered to another user.' },
  credential_revoked: { status: 403, code: 100208, message: 'The device has been revoked.' },
  device_not_found: { status: 404, code: 100209, message: 'Device not registered or revoked.' },
  credential_not_found: { status: 404, code: 100210, message: 'Credential not found.' },
  authenticator_not_allowed: { status: 403, code: 100211, message: 'This authenticator is not allowed.' },
  client_data_invalid: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  type_mismatch: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  origin_mismatch: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  rp_id_mismatch: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  authenticator_data_invalid: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  user_presence_required: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  user_verification_required: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  sign_count_regressed: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  attestation_invalid: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  attestation_untrusted: { status: 400, code: 100299, message: 'The device proof is invalid.' },
  keyshare_not_found: { status: 404, code: 100301, message: 'No backup data found for this wallet' },
  face_not_registered: { status: 403, code: 100701, message: 'No face is registered for this user.' },
  face_verification_required: { status: 403, code: 100702, message: 'Face verification required' },
  face_verification_failed: { status: 403, code: 100703, message: 'Face verification failed.' },
  face_already_registered: { status: 409, code: 100704, message: 'A face is already registered for this user.' },
  face_service_unavailable: { status: 503, code: 100705, message: 'Face verification is unavailable; retry later.' },
};

/** Duo's envelope: `{"error": {"code": <6-digit number>, "message": "…"}}`. */
export function duoErrorBody(row: DuoErrorRow): { error: { code: number; message: string } } {
  return { error: { code: row.code, message: row.message } };
}

export const DUO_ERROR_TABLE: ErrorTable = buildErrorTable(DUO_ERRORS, (row) => row.status, (_error, row) => duoErrorBody(row));

export const duoOpaque500 = (): unknown => duoErrorBody(DUO_INTERNAL_ERROR);
