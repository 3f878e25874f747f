import type { DomainError, ErrorCode } from '../../core/errors.ts';
import type { Clock } from '../../core/ports.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';
import { InputError } from '../input-error.ts';

/** `[status, code, message]`; code null for NestJS' own `{statusCode, message}` answers. */
type Rendering = readonly [status: number, code: number | null, message: string];

const BAD_INPUT: Rendering = [400, 4006, 'Invalid request data.'];
const UNAUTHORIZED: Rendering = [401, null, 'Unauthorized'];
const FORBIDDEN: Rendering = [403, null, 'Forbidden'];
const NOT_FOUND: Rendering = [404, null, 'Not Found'];
const DEVICE: Rendering = [403, 5012, 'Device not registered or revoked'];
const CHALLENGE: Rendering = [400, 4003, 'Biometric challenge expired or already used.'];
// 4007 is SwapBits' "Invalid PIN" on the same route: a proof that fails to verify.
const FAILED: Rendering = [400, 4007, 'Biometric verification failed.'];
const UNAVAILABLE: Rendering = [503, 5001, 'Service temporarily unavailable.'];

/**
 * SwapBits codes as documented (4006 bad input, 4001 unknown user, 5012 device not registered
 * or revoked, 4030 + 429 blocked, 5001 internal); a failed biometric proof borrows the PIN
 * route's 4007 and an unknown or used challenge the OTP's 4003 (SwapBits documents neither).
 */
const RENDERINGS: { readonly [K in ErrorCode]: Rendering } = {
  invalid_request: BAD_INPUT,
  not_found: NOT_FOUND,
  tenant_not_found: NOT_FOUND,
  payload_too_large: [413, 4006, 'Payload too large.'],
  unauthorized: UNAUTHORIZED,
  forbidden: FORBIDDEN,
  token_invalid: UNAUTHORIZED,
  token_expired: UNAUTHORIZED,
  token_revoked: UNAUTHORIZED,
  user_not_found: [404, 4001, 'User not found.'],
  user_disabled: UNAUTHORIZED,
  username_taken: [409, 4006, 'Already registered.'],
  signup_disabled: FORBIDDEN,
  registration_not_allowed: FORBIDDEN,
  credential_not_found: DEVICE,
  credential_revoked: DEVICE,
  credential_conflict: [409, 4006, 'Public key already registered to another device or user.'],
  device_not_found: DEVICE,
  unsupported_algorithm: [400, 4006, 'Invalid public key. Must be a P-256 key.'],
  public_key_invalid: [400, 4006, 'Invalid public key. Must be a P-256 key.'],
  challenge_not_found: CHALLENGE,
  challenge_expired: CHALLENGE,
  challenge_mismatch: FAILED,
  client_data_invalid: FAILED,
  type_mismatch: FAILED,
  origin_mismatch: FAILED,
  rp_id_mismatch: FAILED,
  authenticator_data_invalid: FAILED,
  user_presence_required: FAILED,
  user_verification_required: FAILED,
  signature_invalid: FAILED,
  sign_count_regressed: FAILED,
  attestation_invalid: BAD_INPUT,
  attestation_untrusted: BAD_INPUT,
  authenticator_not_allowed: FORBIDDEN,
  rate_limited: [429, null, 'Too Many Requests'],
  locked_out: [429, 4030, 'Biometric verification blocked.'],
  capacity_exceeded: UNAVAILABLE,
  face_not_registered: FORBIDDEN,
  face_verification_required: FORBIDDEN,
  face_verification_failed: FORBIDDEN,
  face_already_registered: FORBIDDEN,
  face_service_unavailable: UNAVAILABLE,
  keyshare_not_found: NOT_FOUND,
  service_unavailable: UNAVAILABLE,
  // SwapBits' own OTP codes: 4005 invalid verification code, 4003 OTP expired.
  code_invalid: [400, 4005, 'Invalid verification code.'],
  code_expired: [400, 4003, 'OTP code expired.'],
  channel_unavailable: [400, 4006, 'This delivery channel is not available.'],
  delivery_failed: UNAVAILABLE,
};

/** The PIN lockout's body, for the device lockout: `details{blockedUntil, remainingMinutes}`. */
function lockedOutBody(error: DomainError, clock: Clock): unknown {
  const seconds = error.retryAfterSeconds ?? 0;
  const remainingMinutes = Math.max(1, Math.ceil(seconds / 60));
  return {
    code: 4030,
    message: `Biometric verification blocked. Try again in ${remainingMinutes} minutes.`,
    details: { blockedUntil: new Date(clock.now() + seconds * 1000).toISOString(), remainingMinutes },
  };
}

function bodyOf(error: DomainError, [status, code, message]: Rendering, clock: Clock): unknown {
  if (code === null) return { statusCode: status, message };
  if (error instanceof InputError) return { code, message: error.publicMessage };
  if (error.code === 'locked_out') return lockedOutBody(error, clock);
  return { code, message };
}

export function swapBitsErrorTable(clock: Clock): ErrorTable {
  return buildErrorTable(RENDERINGS, ([status]) => status, (e, row) => bodyOf(e, row, clock));
}

/** SwapBits' 5001 without its `details` (which carried internal error text). */
export const swapBitsOpaque500 = (): unknown => ({ code: 5001, message: 'Internal server error.' });
