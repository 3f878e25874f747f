import type { Credential, DeviceKeyCredential } from '../../core/credential.ts';
import type { DeviceKeyEnrollment } from '../../core/device-keys/enroll-device-key.ts';
import type { LegacyEnrollment } from '../../core/device-keys/legacy/enroll-without-proof.ts';
import type { DeviceKeyVerification } from '../../core/device-keys/verify-device-key.ts';
import type { PossessionAttempt } from '../../core/device-keys/prove-possession.ts';
import type { PossessionProof } from '../../core/device-keys/proofs/possession-proof.ts';
import type { DevicePasskeyRegistration } from '../../core/device-keys/verify-device-passkey.ts';
import { fromBase64Url, fromHex, toHex } from '../../core/encoding.ts';
import { DomainError } from '../../core/errors.ts';
import { parseDevicePublicKey, type DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { InputError } from '../input-error.ts';
import type { EnrollBody, EnrollResponse, ProofFields, VerifyResponse } from './wire.ts';

export const DEFAULT_METHOD = 'rawid';

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const HEX_128 = /^[0-9a-fA-F]{128}$/;

/**
 * The 64-hex `publicKey` is an Ed25519 public key, whatever `method` says (`method` is a label).
 * v0.1.0 only checked the length; a value that is not a curve point is refused the same way.
 */
export function ed25519KeyOf(text: string): DevicePublicKey {
  if (!HEX_64.test(text)) throw new DomainError('public_key_invalid', { detail: 'publicKey is not 64 hex digits' });
  return parseDevicePublicKey(text, { encoding: 'ed25519-hex' });
}

/** v0.1.0's one check on `publicKey`, kept for the legacy switch. */
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
 * The WebAuthn credential of BioKey's hardened `/enroll` (`attestationObject` + `clientDataJSON`).
 * Its creation must answer a challenge from `GET /challenge`: the challenge is found by the value
 * in clientDataJSON, and verification then checks it against the one consumed.
 */
export function devicePasskeyOf(body: EnrollBody): DevicePasskeyRegistration | undefined {
  const { attestationObject, clientDataJSON } = body;
  if (!attestationObject) return undefined;
  if (!clientDataJSON) throw new InputError('Missing required fields: attestationObject, clientDataJSON');
  return { attestationObject, clientDataJSON, challengeHandle: creationChallengeHandleOf(clientDataJSON) };
}

function creationChallengeHandleOf(clientDataJSON: string): string {
  let challenge: unknown;
  try {
    challenge = (JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON, 'clientDataJSON'))) as { challenge?: unknown }).challenge;
    if (typeof challenge === 'string') return toHex(fromBase64Url(challenge, 'challenge'));
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

/** Everything of a secure enrollment but its authority; the key is judged before any header. */
export function enrollmentDraftOf(body: EnrollBody): Omit<DeviceKeyEnrollment, 'authority'> {
  const passkey = devicePasskeyOf(body);
  return {
    account: { username: body.userId },
    deviceId: body.deviceId,
    name: methodOf(body),
    origin: { enrolledVia: 'biokey' },
    key: ed25519KeyOf(body.publicKey),
    ...(passkey === undefined ? {} : { passkey }),
  };
}

export function legacyEnrollmentOf(body: EnrollBody): Omit<LegacyEnrollment, 'insecureSwitchOn'> {
  return { username: body.userId, deviceId: body.deviceId, name: methodOf(body), value: legacyValueOf(body.publicKey) };
}

export function enrollResponseOf(body: EnrollBody): EnrollResponse {
  return { ok: true, userId: body.userId, publicKey: body.publicKey, method: methodOf(body) };
}

/**
 * The enrolled key as BioKey spells it: 32 bytes Ed25519 (65 bytes X9.63 P-256) in hex; the
 * tail of the COSE key when only a WebAuthn credential answered and its device key is gone.
 */
export function publicKeyTextOf(credential: Credential): string {
  if (credential.kind === 'legacy_identity') return '';
  const ed25519 = credential.kind === 'device_key' ? credential.algorithm === 'Ed25519' : credential.algorithm === -8;
  return toHex(credential.publicKey.subarray(ed25519 ? -32 : -65));
}

export function verifyResponseOf(userId: string, result: DeviceKeyVerification): VerifyResponse {
  return {
    verified: true,
    publicKey: publicKeyTextOf(result.deviceKey ?? result.credential),
    userId,
    method: result.credential.name ?? DEFAULT_METHOD,
    accessToken: result.token.token,
    expiresAt: new Date(result.token.expiresAt).toISOString(),
  };
}

export function legacyVerifyResponseOf(userId: string, credential: Credential | DeviceKeyCredential, publicKey: string): VerifyResponse {
  return { verified: true, publicKey, userId, method: credential.name ?? DEFAULT_METHOD };
}
