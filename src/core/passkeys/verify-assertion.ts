import { createHash } from 'node:crypto';
import { importCosePublicKey } from '../../crypto/cose/import-cose-public-key.ts';
import type { CosePublicKey } from '../../crypto/cose/import-cose-public-key.ts';
import type { PublicKeyCache } from '../../crypto/cose/public-key-cache.ts';
import type { PasskeyCredential } from '../credential.ts';
import { bytesEqual, toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { UserVerificationPolicy } from '../tenant.ts';
import { parseAuthenticatorData } from './authenticator-data.ts';
import { checkAuthenticatorData } from './check-authenticator-data.ts';
import { verifyClientData } from './client-data.ts';
import { readAssertionResponse } from './read-assertion-response.ts';
import type { AssertionResponse } from './read-assertion-response.ts';

export interface AssertionExpectations {
  /** The challenge consumed for this ceremony: its bytes, or the base64url text that was sent. */
  readonly challenge: Uint8Array | string;
  /** The tenant's exact origins, web and app (`android:apk-key-hash:…`). */
  readonly origins: readonly string[];
  /** Top origins allowed to frame the ceremony cross-origin; see `ClientDataExpectations`. */
  readonly topOrigins?: readonly string[];
  readonly rpId: string;
  /** The `userVerification` the options requested. */
  readonly userVerification: UserVerificationPolicy;
  /** Default true; see `AuthenticatorDataPolicy.requireUserPresence`. */
  readonly requireUserPresence?: boolean;
  /** The WebAuthn user handle of the credential's owner; a `userHandle` in the response must equal it. */
  readonly userHandle?: Uint8Array;
}

/** What the ceremony needs to finish: it compare-and-sets `newSignCount` against the stored one. */
export interface AssertionResult {
  readonly newSignCount: number;
  readonly userVerified: boolean;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  /**
   * BE differs from the stored record. §7.2 step 18 says to fail the ceremony then, subject to
   * relying-party policy; the caller applies that policy (refuse, or audit and accept).
   */
  readonly backupEligibilityChanged: boolean;
  readonly userHandle: Uint8Array | null;
}

function publicKeyOf(credential: PasskeyCredential, keys: PublicKeyCache | undefined): CosePublicKey {
  const publicKey = keys === undefined ? importCosePublicKey(credential.publicKey) : keys.get(credential.id, credential.publicKey);
  if (publicKey.algorithm.alg !== credential.algorithm) {
    throw new DomainError('public_key_invalid', { detail: `stored alg ${credential.algorithm}, COSE key alg ${publicKey.algorithm.alg}` });
  }
  return publicKey;
}

/** §7.2 step 6: the response names this (active) passkey, and it belongs to the expected user. */
function checkOwnership(assertion: AssertionResponse, credential: PasskeyCredential, userHandle: Uint8Array | undefined): void {
  if (credential.kind !== 'passkey') throw new DomainError('invalid_request', { detail: 'credential is not a passkey' });
  if (credential.status !== 'active') throw new DomainError('credential_revoked', { detail: `credential is ${credential.status}` });
  if (!bytesEqual(assertion.rawId, credential.credentialId)) {
    throw new DomainError('credential_not_found', { detail: 'response id is not the stored credential id' });
  }
  if (assertion.userHandle !== null && userHandle !== undefined && !bytesEqual(assertion.userHandle, userHandle)) {
    throw new DomainError('credential_not_found', { detail: 'userHandle is not the owner of the credential' });
  }
}

/**
 * Verifies an authentication assertion (WebAuthn L3 §7.2) against a stored passkey, on
 * node:crypto directly. Synchronous and allocation-light: this is the login hot path. The caller
 * has already consumed the challenge and looked the credential up by `id`; it stores the result
 * with a compare-and-set on the sign count. Every failure is a `DomainError`.
 */
export function verifyAssertion(
  response: unknown,
  expected: AssertionExpectations,
  credential: PasskeyCredential,
  keys?: PublicKeyCache,
): AssertionResult {
  // §7.2 step 3 and the JSON envelope: members present, typed, base64url.
  return verifyReadAssertion(readAssertionResponse(response), expected, credential, keys);
}

/**
 * `verifyAssertion` for a response already read with `readAssertionResponse` — the login
 * ceremony reads it once, to find the credential by its id, and verifies what it read.
 */
export function verifyReadAssertion(
  assertion: AssertionResponse,
  expected: AssertionExpectations,
  credential: PasskeyCredential,
  keys?: PublicKeyCache,
): AssertionResult {
  checkOwnership(assertion, credential, expected.userHandle);
  // §7.2 steps 8–13: client data.
  const challenge = typeof expected.challenge === 'string' ? expected.challenge : toBase64Url(expected.challenge);
  verifyClientData(assertion.clientDataJSON, { type: 'webauthn.get', challenge, origins: expected.origins, topOrigins: expected.topOrigins });
  // §6.1 parsing, then §7.2 steps 14–17: rpIdHash, UP, UV, BE/BS.
  const authData = parseAuthenticatorData(assertion.authenticatorData);
  if (authData.attestedCredential !== null) throw new DomainError('authenticator_data_invalid', { detail: 'AT flag set in an assertion' });
  checkAuthenticatorData(authData, expected);
  // §7.2 steps 20–21: the signature over authData || SHA-256(clientDataJSON).
  const { algorithm, key } = publicKeyOf(credential, keys);
  const clientDataHash = createHash('sha256').update(assertion.clientDataJSON).digest();
  const signed = Buffer.concat([assertion.authenticatorData, clientDataHash]);
  if (!algorithm.verify(key, signed, assertion.signature)) throw new DomainError('signature_invalid', { detail: `${algorithm.name} signature did not verify` });
  const observed = {
    newSignCount: authData.signCount,
    userVerified: authData.flags.userVerified,
    backupEligible: authData.flags.backupEligible,
    backupState: authData.flags.backupState,
    userHandle: assertion.userHandle,
  };
  return judgeAgainstStored(observed, credential);
}

/** What an assertion showed, before it is compared with the stored record's counter and BE. */
export type ObservedUse = Omit<AssertionResult, 'backupEligibilityChanged'>;

/**
 * The part of the verdict that depends on what a login changes in the stored record, judged
 * against `stored`: §7.2 step 22, the counter, and whether BE differs from the record (step 18).
 * `verifyReadAssertion` ends here; a ceremony whose compare-and-set found the counter moved since
 * its read comes here again with a fresh read of the same credential.
 */
export function judgeAgainstStored(observed: ObservedUse, stored: PasskeyCredential): AssertionResult {
  // §7.2 step 22: when either counter is non-zero the new one must be greater; always-0 is fine.
  const { newSignCount } = observed;
  if ((newSignCount !== 0 || stored.signCount !== 0) && newSignCount <= stored.signCount) {
    throw new DomainError('sign_count_regressed', { detail: `sign count ${newSignCount}, stored ${stored.signCount}` });
  }
  return {
    newSignCount,
    userVerified: observed.userVerified,
    backupEligible: observed.backupEligible,
    backupState: observed.backupState,
    backupEligibilityChanged: observed.backupEligible !== stored.backupEligible,
    userHandle: observed.userHandle,
  };
}
