import { DomainError, type ErrorCode } from '../../core/errors.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';
import { InputError } from '../input-error.ts';

/**
 * The AppKey codes Sigil answers (of AppKeySwift `AppKeyError.swift`), with their sentences. 603,
 * 607 and 618 tell whether an account exists; Sigil answers those cases with stand-ins and 600.
 */
export const APPKEY_MESSAGES = {
  400: 'invalid app token',
  401: 'app no longer exists',
  403: 'missing parameter',
  404: 'user account is suspended',
  405: 'invalid access token',
  407: 'app does not support signup',
  411: 'expired signup code',
  414: 'anonymous login not supported',
  415: 'Apple login not supported',
  416: 'Google login not supported',
  500: 'internal server error',
  600: 'invalid login credentials',
  601: 'handle already registered',
  602: 'invalid data',
  605: 'user name already in use',
  606: 'app does not support user names',
  609: 'invalid locale',
  611: 'apple account exists',
  612: 'google account exists',
  613: 'invalid token',
  614: 'passkey does not exist',
  615: 'invalid passkey',
  617: 'invalid handle format',
} as const;

export type AppKeyCode = keyof typeof APPKEY_MESSAGES;

/**
 * A refusal whose AppKey code depends on the route rather than on the domain code alone
 * (a taken name is 601 at signup and 605 at setUserName; a missing field is 403). The domain
 * code still says what happened, for logs and audit.
 */
export class AppKeyError extends DomainError {
  readonly appKeyCode: AppKeyCode;

  constructor(appKeyCode: AppKeyCode, code: ErrorCode = 'invalid_request', detail?: string) {
    super(code, { detail: detail ?? APPKEY_MESSAGES[appKeyCode] });
    this.appKeyCode = appKeyCode;
  }
}

type Row = readonly [status: number, code: AppKeyCode];

const INVALID: Row = [400, 602];
const CREDENTIALS: Row = [400, 600];
const TOKEN: Row = [400, 405];
const PASSKEY: Row = [400, 615];

/**
 * Every domain code as AppKey answers it: HTTP 400 with `{code, message}` (what both SDKs
 * parse), 500 only for internal failures. A WebAuthn check that fails at login is "invalid
 * login credentials" (600); registration routes re-map those to 615 themselves.
 */
const ROWS: { readonly [K in ErrorCode]: Row } = {
  invalid_request: INVALID,
  not_found: [404, 602],
  tenant_not_found: [400, 401],
  payload_too_large: [413, 602],
  unauthorized: TOKEN,
  forbidden: INVALID,
  token_invalid: TOKEN,
  token_expired: TOKEN,
  token_revoked: TOKEN,
  user_not_found: CREDENTIALS,
  user_disabled: [400, 404],
  username_taken: [400, 601],
  signup_disabled: [400, 407],
  registration_not_allowed: [400, 601],
  credential_not_found: CREDENTIALS,
  credential_revoked: CREDENTIALS,
  credential_conflict: PASSKEY,
  device_not_found: INVALID,
  unsupported_algorithm: PASSKEY,
  public_key_invalid: PASSKEY,
  challenge_not_found: CREDENTIALS,
  challenge_expired: CREDENTIALS,
  challenge_mismatch: CREDENTIALS,
  client_data_invalid: CREDENTIALS,
  type_mismatch: CREDENTIALS,
  origin_mismatch: CREDENTIALS,
  rp_id_mismatch: CREDENTIALS,
  authenticator_data_invalid: CREDENTIALS,
  user_presence_required: CREDENTIALS,
  user_verification_required: CREDENTIALS,
  signature_invalid: CREDENTIALS,
  sign_count_regressed: CREDENTIALS,
  attestation_invalid: PASSKEY,
  attestation_untrusted: PASSKEY,
  authenticator_not_allowed: PASSKEY,
  rate_limited: [429, 500],
  locked_out: [400, 411],
  capacity_exceeded: [503, 500],
  face_not_registered: INVALID,
  face_verification_required: INVALID,
  face_verification_failed: INVALID,
  face_already_registered: INVALID,
  face_service_unavailable: [503, 500],
  keyshare_not_found: INVALID,
  service_unavailable: [503, 500],
  // signup codes: a wrong code is invalid data; a dead one (expired, or tries exhausted) 411
  code_invalid: INVALID,
  code_expired: [400, 411],
  // the handle's channel has no provider: a server configuration problem, opaque as such
  channel_unavailable: [503, 500],
  delivery_failed: [503, 500],
};

export const appKeyBody = (code: AppKeyCode): { code: number; message: string } => ({ code, message: APPKEY_MESSAGES[code] });

/** Malformed input, answered with AppKey's `code` and its fixed sentence (403, 602, 617, …). */
export function appKeyInputError(appKeyCode: AppKeyCode, detail?: string): InputError {
  return new InputError(APPKEY_MESSAGES[appKeyCode], detail);
}

const CODE_OF_SENTENCE = new Map<string, AppKeyCode>(Object.entries(APPKEY_MESSAGES).map(([code, sentence]) => [sentence, Number(code) as AppKeyCode]));

/** The route's own code when it gave one, the code of an input error's sentence, else the row's. */
function appKeyCodeOf(error: DomainError, row: Row): AppKeyCode {
  if (error instanceof AppKeyError) return error.appKeyCode;
  if (error instanceof InputError) return CODE_OF_SENTENCE.get(error.publicMessage) ?? row[1];
  return row[1];
}

export const APPKEY_ERROR_TABLE: ErrorTable = buildErrorTable(ROWS, ([status]) => status, (error, row) => appKeyBody(appKeyCodeOf(error, row)));

export const appKeyOpaque500 = (): unknown => appKeyBody(500);
