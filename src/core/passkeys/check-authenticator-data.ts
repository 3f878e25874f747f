import { createHash } from 'node:crypto';
import { bytesEqual } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { UserVerificationPolicy } from '../tenant.ts';
import type { AuthenticatorData } from './authenticator-data.ts';

export interface AuthenticatorDataPolicy {
  readonly rpId: string;
  /** `required` demands the UV flag; `preferred` and `discouraged` ignore it (§7.1 step 15, §7.2 step 16). */
  readonly userVerification: UserVerificationPolicy;
  /**
   * Whether the UP flag is demanded (default true, as WebAuthn requires). The FIDO conformance
   * tool sends assertions with neither UP nor UV for `preferred`/`discouraged` and expects them
   * accepted (GetAssertion Resp-3 P-4, P-7); only a conformance-test mode turns this off.
   */
  readonly requireUserPresence?: boolean;
}

/** The relying-party checks on parsed authenticator data that both ceremonies share. */
export function checkAuthenticatorData(data: AuthenticatorData, policy: AuthenticatorDataPolicy): void {
  // §7.1 step 13 / §7.2 step 14: rpIdHash is SHA-256 of the RP ID.
  const expected = createHash('sha256').update(policy.rpId).digest();
  if (!bytesEqual(data.rpIdHash, expected)) {
    throw new DomainError('rp_id_mismatch', { detail: `rpIdHash is not SHA-256(${JSON.stringify(policy.rpId)})` });
  }
  // §7.1 step 14 / §7.2 step 15: the user was present.
  if (policy.requireUserPresence !== false && !data.flags.userPresent) {
    throw new DomainError('user_presence_required', { detail: 'UP flag is not set' });
  }
  // §7.1 step 15 / §7.2 step 16: the user was verified when the relying party required it.
  if (policy.userVerification === 'required' && !data.flags.userVerified) {
    throw new DomainError('user_verification_required', { detail: 'UV flag is not set and user verification is required' });
  }
  // §7.1 step 16 / §7.2 step 17: a credential that cannot be backed up cannot be backed up now.
  if (data.flags.backupState && !data.flags.backupEligible) {
    throw new DomainError('authenticator_data_invalid', { detail: 'BS flag set without BE' });
  }
}
