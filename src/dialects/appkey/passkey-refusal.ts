import { DomainError, type ErrorCode } from '../../core/errors.ts';
import { AppKeyError } from './errors.ts';

/** What a registration's WebAuthn checks can fail with: AppKey says "invalid passkey" (615). */
const REGISTRATION_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_request',
  'challenge_not_found',
  'challenge_expired',
  'challenge_mismatch',
  'client_data_invalid',
  'type_mismatch',
  'origin_mismatch',
  'rp_id_mismatch',
  'authenticator_data_invalid',
  'user_presence_required',
  'user_verification_required',
  'signature_invalid',
  'attestation_invalid',
  'attestation_untrusted',
  'unsupported_algorithm',
  'public_key_invalid',
  'credential_conflict',
]);

/** Runs a registration step; its WebAuthn failures leave as 615, everything else unchanged. */
export async function asPasskeyRefusal<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof DomainError && !(error instanceof AppKeyError) && REGISTRATION_FAILURES.has(error.code)) {
      throw new AppKeyError(615, error.code, error.detail);
    }
    throw error;
  }
}

/** A passkey named by `keyId` that is not the caller's: 614 (passkey does not exist). */
export async function asMissingPasskey<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'credential_not_found') throw new AppKeyError(614, 'credential_not_found', error.detail);
    throw error;
  }
}
