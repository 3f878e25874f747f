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
