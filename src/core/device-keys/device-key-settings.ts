import type { LockoutPolicy } from '../abuse/failure-lockout.ts';
import type { AuthMethod } from '../tokens/issue-access-token.ts';

/**
 * Fixed rules of device-bound keys. Both vendor APIs that use them (BioKey, SwapBits) document
 * five-minute challenges; the lockout follows SwapBits' PIN rule (5 failures, 15 minutes), which
 * BioKey's hardened release also adopted, per (account, client); account-wide, 50 failures in
 * the window leave only clients that have not tried yet a hearing (see `failureLockout`).
 */
export const DEVICE_CHALLENGE_TTL_SECONDS = 300;
export const DEVICE_CHALLENGE_BYTES = 32;
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LOCKOUT_MAX_FAILURES = 50;
export const DEVICE_LOCKOUT_POLICY: LockoutPolicy = { perClient: LOCKOUT_MAX_FAILURES, perAccount: ACCOUNT_LOCKOUT_MAX_FAILURES, windowMs: LOCKOUT_WINDOW_MS };

/**
 * `amr` of access tokens issued for a device-key proof: RFC 8176 `hwk` (a hardware-held key
 * proved possession) and `bio`, because the key is created gated by Face ID / fingerprint. The
 * server cannot observe the biometric itself; `bio` records the enrollment contract.
 */
export const DEVICE_KEY_AMR: readonly AuthMethod[] = ['hwk', 'bio'];

/**
 * How long an enrollment that signed up a username without any proof (BioKey's `/enroll` of a
 * new userId) waits for its first successful verification. Until then it binds nothing: a later
 * enrollment replaces it, and after this time it lapses. An hour covers "enroll, then sign in"
 * in one sitting; longer would widen the window in which anyone may replace it, and keep every
 * unconfirmed hold (anyone can make them, within the rate limit) in the ephemeral store longer.
 */
export const PROVISIONAL_ENROLLMENT_TTL_SECONDS = 60 * 60;
