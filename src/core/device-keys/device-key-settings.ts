import type { AuthMethod } from '../tokens/issue-access-token.ts';

/**
 * Fixed rules of device-bound keys. Both vendor APIs that use them (BioKey, SwapBits) document
 * five-minute challenges; the lockout follows SwapBits' PIN rule (5 failures, 15 minutes), which
 * BioKey's hardened release also adopted.
 */
export const DEVICE_CHALLENGE_TTL_SECONDS = 300;
export const DEVICE_CHALLENGE_BYTES = 32;
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

/**
 * `amr` of access tokens issued for a device-key proof: RFC 8176 `hwk` (a hardware-held key
 * proved possession) and `bio`, because the key is created gated by Face ID / fingerprint. The
 * server cannot observe the biometric itself; `bio` records the enrollment contract.
 */
export const DEVICE_KEY_AMR: readonly AuthMethod[] = ['hwk', 'bio'];

/**
 * A BioKey v0.1.0 identity value stored under the tenant's insecure legacy switch: not a key,
 * only an opaque 64-character string kept sealed. No COSE algorithm has the value 0 (it is
 * reserved), so no verifier ever takes such a credential for a key.
 */
export const LEGACY_OPAQUE_ALGORITHM = 0;

/**
 * How long an enrollment that signed up a username without any proof (BioKey's `/enroll` of a
 * new userId) waits for its first successful verification. Until then it binds nothing: a later
 * enrollment replaces it, and after this time it lapses. An hour covers "enroll, then sign in"
 * in one sitting; longer would widen the window in which anyone may replace it, and keep every
 * unconfirmed hold (anyone can make them, within the rate limit) in the ephemeral store longer.
 */
export const PROVISIONAL_ENROLLMENT_TTL_SECONDS = 60 * 60;
