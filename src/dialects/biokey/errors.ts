import type { DomainError, ErrorCode } from '../../core/errors.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';
import { InputError } from '../input-error.ts';

type Rendering = readonly [status: number, error: string];

const FAILED: Rendering = [401, 'Authentication failed'];
const CHALLENGE: Rendering = [401, 'Invalid or expired challenge'];
const KEY_FORMAT: Rendering = [400, 'Invalid publicKey format'];
const UNAUTHORIZED: Rendering = [401, 'Unauthorized'];
const FORBIDDEN: Rendering = [403, 'Forbidden'];
const UNAVAILABLE: Rendering = [503, 'Service unavailable'];

/**
 * BioKey's statuses and `{error}` sentences. v0.1.0 documents 400, 401 ("Invalid or expired
 * challenge"), 404 ("Unknown userId", which only the legacy switch ever sends) and 500; the
 * proof failures answer as BioKey's hardened release does: 401 "Authentication failed", one
 * sentence for every reason, so no answer tells whether a userId exists.
 */
const RENDERINGS: { readonly [K in ErrorCode]: Rendering } = {
  invalid_request: [400, 'Missing required fields'],
  not_found: [404, 'Not found'],
  tenant_not_found: [404, 'Unknown tenant'],
  payload_too_large: [413, 'Payload too large'],
  unauthorized: UNAUTHORIZED,
  forbidden: FORBIDDEN,
  token_invalid: UNAUTHORIZED,
  token_expired: UNAUTHORIZED,
  token_revoked: UNAUTHORIZED,
  user_not_found: [404, 'Unknown userId'],
  user_disabled: FAILED,
  username_taken: [409, 'Already enrolled'],
  signup_disabled: [403, 'Enrollment is closed'],
  registration_not_allowed: FORBIDDEN,
  credential_not_found: FAILED,
  credential_revoked: FAILED,
  credential_conflict: [409, 'Already enrolled'],
  device_not_found: FAILED,
  unsupported_algorithm: KEY_FORMAT,
  public_key_invalid: KEY_FORMAT,
  challenge_not_found: CHALLENGE,
  challenge_expired: CHALLENGE,
  challenge_mismatch: CHALLENGE,
  client_data_invalid: FAILED,
  type_mismatch: FAILED,
  origin_mismatch: FAILED,
  rp_id_mismatch: FAILED,
  authenticator_data_invalid: FAILED,
  user_presence_required: FAILED,
  user_verification_required: FAILED,
  signature_invalid: FAILED,
  sign_count_regressed: FAILED,
  attestation_invalid: [400, 'Invalid attestation'],
  attestation_untrusted: [400, 'Invalid attestation'],
  authenticator_not_allowed: FORBIDDEN,
  rate_limited: [429, 'Too many requests'],
  locked_out: [429, 'Account temporarily locked'],
  capacity_exceeded: UNAVAILABLE,
  face_not_registered: FORBIDDEN,
  face_verification_required: FORBIDDEN,
  face_verification_failed: FORBIDDEN,
  face_already_registered: FORBIDDEN,
  face_service_unavailable: UNAVAILABLE,
  keyshare_not_found: [404, 'Not found'],
  service_unavailable: UNAVAILABLE,
  // BioKey sends no codes; should a code ever reach its routes, it fails like any proof.
  code_invalid: FAILED,
  code_expired: FAILED,
  channel_unavailable: [400, 'Delivery channel not available'],
  delivery_failed: UNAVAILABLE,
};

function bodyOf(error: DomainError, [, sentence]: Rendering): unknown {
  if (error instanceof InputError) return { error: error.publicMessage };
  // The hardened release's lockout body: seconds until another attempt is heard.
  if (error.code === 'locked_out') return { error: sentence, retryAfter: error.retryAfterSeconds ?? null };
  return { error: sentence };
}

export const BIOKEY_ERROR_TABLE: ErrorTable = buildErrorTable(RENDERINGS, ([status]) => status, bodyOf);

/** v0.1.0 put the database's error text in `detail`; Sigil's 500 says nothing about internals. */
export const bioKeyOpaque500 = (): unknown => ({ error: 'Internal server error' });
