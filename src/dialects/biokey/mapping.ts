import type { Credential } from '../../core/credential.ts';
import type { UsernameEnrollment } from '../../core/device-keys/enroll-for-username.ts';
import type { LegacyEnrollment } from '../../core/device-keys/legacy/enroll-without-proof.ts';
import type { DeviceKeyVerification } from '../../core/device-keys/verify-device-key.ts';
import type { PossessionAttempt } from '../../core/device-keys/prove-possession.ts';
import type { PossessionProof } from '../../core/device-keys/proofs/possession-proof.ts';
import type { DevicePasskeyRegistration } from '../../core/device-keys/verify-device-passkey.ts';
import { fromBase64Url, fromHex } from '../../core/encoding.ts';
import { DomainError } from '../../core/errors.ts';
import { parseDevicePublicKey, type DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { InputError } from '../input-error.ts';
import type { EnrollBody, EnrollResponse, ProofFields, VerifyResponse } from './wire.ts';

export const DEFAULT_METHOD = 'rawid';

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const HEX_128 = /^[0-9a-fA-F]{128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The 64-hex `publicKey` is an Ed25519 public key, whatever `method` says (`method` is a label).
 * v0.1.0 only checked the length; a value that is not a curve point is refused the same way.
 */
export function ed25519KeyOf(text: string): DevicePublicKey {
  if (!HEX_64.test(text)) throw new DomainError('public_key_invalid', { detail: 'publicKey is not 64 hex digits' });
  return parseDevicePublicKey(text, { encoding: 'ed25519-hex' });
}

/** v0.1.0's one check on `publicKey`: what the legacy switch and the SDK's identity value get. */
export function legacyValueOf(text: string): string {
  if (text.length !== 64) throw new DomainError('public_key_invalid', { detail: 'publicKey is not 64 characters' });
  return text;
}

/** The handle a BioKey challenge is indexed by: the challenge itself, hex in lower case. */
export function challengeHandleOf(text: string): string {
  return HEX_64.test(text) ? text.toLowerCase() : text;
}

export function hasProof(body: ProofFields & { attestationObject?: string }): boolean {
  return [body.signature, body.authenticatorData, body.clientDataJSON, body.attestationObject].some((v) => v !== undefined && v !== '');
}

/**
 * The proof a request carries: WebAuthn assertion fields (base64url, BioKey's hardened release),
 * or `signature` alone as 128 hex digits, an Ed25519 signature over the 32 challenge bytes.
 */
export function proofOf(body: ProofFields): PossessionProof | null {
  const { signature, authenticatorData, clientDataJSON } = body;
  if (authenticatorData || clientDataJSON) {
    if (!authenticatorData || !clientDataJSON || !signature) {
      throw new InputError('Missing required fields: authenticatorData, clientDataJSON, signature');
    }
    return { kind: 'webauthn', authenticatorData, clientDataJSON, signature };
  }
  if (!signature) return null;
  if (!HEX_128.test(signature)) throw new InputError('Invalid signature format', 'signature is not 128 hex digits');
  return { kind: 'signature', signature: fromHex(signature, 'signature') };
}

/** A proof of possession by the account's current key, when the body carries one. */
export function possessionAttemptOf(userId: string, body: ProofFields): PossessionAttempt | null {
  const proof = proofOf(body);
  if (proof === null) return null;
  if (!body.challenge) throw new InputError('Missing required fields: challenge');
  return { account: { username: userId }, challengeHandle: challengeHandleOf(body.challenge), proof };
}

/**
 * The WebAuthn creation of BioKey's hardened `/enroll` (`attestationObject` + `clientDataJSON`).
 * BioKey's SDK creates the credential over a challenge it chose itself, never asking the
 * server; the challenge is read from clientDataJSON and proves no freshness (see the core).
 */
export function devicePasskeyOf(body: EnrollBody): DevicePasskeyRegistration | undefined {
  const { attestationObject, clientDataJSON } = body;
  if (!attestationObject) return undefined;
  if (!clientDataJSON) throw new InputError('Missing required fields: attestationObject, clientDataJSON');
  return { attestationObject, clientDataJSON, clientChallenge: creationChallengeOf(clientDataJSON) };
}

function creationChallengeOf(clientDataJSON: string): string {
  try {
    const { challenge } = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON, 'clientDataJSON'))) as { challenge?: unknown };
    if (typeof challenge === 'string' && BASE64URL.test(challenge)) return challenge;
  } catch {
    // reported below
  }
  throw new InputError('Invalid clientDataJSON', 'clientDataJSON is not base64url JSON with a base64url challenge');
}

/**
 * The fields that may prove the current key at `/enroll`. With `attestationObject`, the body's
 * `clientDataJSON` belongs to the new credential, so only `challenge` + `signature` can.
 */
export function enrollProofFieldsOf(body: EnrollBody): ProofFields {
  return body.attestationObject ? { challenge: body.challenge, signature: body.signature } : body;
}

/** BioKey has no device name: the `method` label is kept as the credential's name. */
export function methodOf(body: Pick<EnrollBody, 'method'>): string {
  return body.method === undefined || body.method === '' ? DEFAULT_METHOD : body.method;
}

/**
 * Everything of a secure enrollment but its authority; the identity is judged before any header.
 * With a WebAuthn creation (BioKey's SDK 0.1.1), the attested credential is the key and
 * `publicKey` is the client's opaque identity value (a PRF output or a value derived from the
 * credential id), kept sealed and echoed back; without one, `publicKey` is an Ed25519 key.
 */
export function enrollmentDraftOf(body: EnrollBody): Omit<UsernameEnrollment, 'authority'> {
  const registration = devicePasskeyOf(body);
  const description = { username: body.userId, deviceId: body.deviceId, name: methodOf(body), origin: { enrolledVia: 'biokey' } as const };
  if (registration === undefined) return { ...description, identity: { kind: 'key', key: ed25519KeyOf(body.publicKey) } };
  return { ...description, identity: { kind: 'webauthn', registration, identifier: legacyValueOf(body.publicKey) } };
}

export function legacyEnrollmentOf(body: EnrollBody): Omit<LegacyEnrollment, 'insecureSwitchOn'> {
  return { username: body.userId, deviceId: body.deviceId, name: methodOf(body), value: legacyValueOf(body.publicKey) };
}

export function enrollResponseOf(body: EnrollBody): EnrollResponse {
  return { ok: true, userId: body.userId, publicKey: body.publicKey, method: methodOf(body) };
}

/** `publicKey` is what the client enrolled for the device that answered, which BioKey's SDK compares with its own. */
export function verifyResponseOf(userId: string, result: DeviceKeyVerification): VerifyResponse {
  return {
    verified: true,
    publicKey: result.identityValue ?? '',
    userId,
    method: result.credential.name ?? DEFAULT_METHOD,
    accessToken: result.token.token,
    expiresAt: new Date(result.token.expiresAt).toISOString(),
  };
}

export function legacyVerifyResponseOf(userId: string, credential: Credential, publicKey: string): VerifyResponse {
  return { verified: true, publicKey, userId, method: credential.name ?? DEFAULT_METHOD };
}
