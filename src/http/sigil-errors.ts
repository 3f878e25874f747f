import type { ErrorCode } from '../core/errors.ts';
import { ERROR_MESSAGES } from './error-messages.ts';
import { buildErrorTable, type ErrorTable } from './error-table.ts';

/** HTTP status of each code in Sigil's own APIs (admin, health, JWKS). Dialects keep their own. */
export const SIGIL_STATUSES: { readonly [K in ErrorCode]: number } = {
  invalid_request: 400,
  not_found: 404,
  tenant_not_found: 404,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  token_invalid: 401,
  token_expired: 401,
  token_revoked: 401,
  user_not_found: 404,
  user_disabled: 403,
  username_taken: 409,
  signup_disabled: 403,
  registration_not_allowed: 403,
  credential_not_found: 404,
  credential_revoked: 403,
  credential_conflict: 409,
  device_not_found: 404,
  unsupported_algorithm: 400,
  public_key_invalid: 400,
  challenge_not_found: 400,
  challenge_expired: 400,
  challenge_mismatch: 400,
  client_data_invalid: 400,
  type_mismatch: 400,
  origin_mismatch: 400,
  rp_id_mismatch: 400,
  authenticator_data_invalid: 400,
  user_presence_required: 400,
  user_verification_required: 400,
  signature_invalid: 400,
  sign_count_regressed: 400,
  attestation_invalid: 400,
  attestation_untrusted: 400,
  authenticator_not_allowed: 403,
  rate_limited: 429,
  locked_out: 429,
  capacity_exceeded: 503,
  face_not_registered: 404,
  face_verification_required: 403,
  face_verification_failed: 403,
  face_already_registered: 409,
  face_service_unavailable: 503,
  keyshare_not_found: 404,
  service_unavailable: 503,
  code_invalid: 400,
  code_expired: 400,
  channel_unavailable: 400,
  delivery_failed: 503,
};

/** Sigil's own envelope: `{"error": {"code": "...", "message": "..."}}`. */
export const SIGIL_ERROR_TABLE: ErrorTable = buildErrorTable(SIGIL_STATUSES, (status) => status, (e) => ({ error: { code: e.code, message: ERROR_MESSAGES[e.code] } }));

export const sigilOpaque500 = (): unknown => ({ error: { code: 'internal_error', message: 'Internal server error.' } });
