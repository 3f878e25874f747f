import type { Credential, DeviceKeyCredential } from '../../core/credential.ts';
import type { EnrolledDeviceKey } from '../../core/device-keys/enroll-device-key.ts';
import type { IssuedDeviceChallenge } from '../../core/device-keys/issue-device-challenge.ts';
import type { PossessionAttempt } from '../../core/device-keys/prove-possession.ts';
import type { DeviceKeyVerification } from '../../core/device-keys/verify-device-key.ts';
import { fromBase64, fromBase64Url, toHex } from '../../core/encoding.ts';
import { DomainError } from '../../core/errors.ts';
import { decodeSignatureText, parseDevicePublicKey, type DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { InputError } from '../input-error.ts';
import { ALL_FIELDS_REQUIRED, CODES, PIN_NOT_CONFIGURED, type DeviceView, type Envelope, type PinVerifyBody } from './wire.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

function envelope<T>([code, message]: readonly [number, string], data: T): Envelope<T> {
  return { code, message, data };
}

/** Device ids are UUIDs: compared and stored in lower case, whatever case the app sends. */
export const deviceIdOf = (text: string): string => text.toLowerCase();

/**
 * The app's P-256 public key: X.509 SPKI (Android `getEncoded()`, base64 DER or PEM) or the
 * X9.63 uncompressed point (iOS `SecKeyCopyExternalRepresentation`, base64 or hex).
 */
export function p256KeyOf(text: string): DevicePublicKey {
  const key = parseDevicePublicKey(text, { encoding: 'auto' });
  if (key.algorithm !== 'P-256') throw new DomainError('unsupported_algorithm', { detail: `${key.algorithm} key where P-256 is required` });
  return key;
}

/**
 * A BIOMETRY verification: the challenge is looked up by `challengeId`; the echoed `challenge`
 * (base64) is only compared with it. `signature` is base64, DER or raw r||s, over the challenge
 * bytes. The other verification types need a PIN, which Sigil does not keep.
 */
export function attemptOf(userId: string, body: PinVerifyBody): PossessionAttempt {
  if (body.verificationType !== 'BIOMETRY') throw new InputError(PIN_NOT_CONFIGURED, `${body.verificationType} needs a PIN`);
  const { deviceId, challengeId, challenge, signature } = body;
  if (!deviceId || !challengeId || !challenge || !signature) throw new InputError(ALL_FIELDS_REQUIRED);
  return {
    account: { userId },
    deviceId: deviceIdOf(deviceId),
    challengeHandle: challengeId,
    echoedChallenge: decodeOrRefuse(() => fromBase64(challenge, 'challenge'), 'Invalid challenge format'),
    proof: { kind: 'signature', signature: decodeOrRefuse(() => decodeSignatureText(signature, 'base64'), 'Invalid signature format') },
  };
}

function decodeOrRefuse(decode: () => Uint8Array, publicMessage: string): Uint8Array {
  try {
    return decode();
  } catch (error) {
    throw new InputError(publicMessage, error instanceof DomainError ? error.detail : undefined);
  }
}

/** A device key SwapBits enrolled, with the platform its app reported. */
type SwapBitsDeviceKey = DeviceKeyCredential & { readonly enrolledVia: 'swapbits' };

export function registeredOf(enrolled: EnrolledDeviceKey): Envelope<unknown> {
  const { credential } = enrolled;
  if (credential.enrolledVia !== 'swapbits') throw new RangeError(`a device key enrolled via ${credential.enrolledVia} answered as SwapBits'`);
  return envelope(CODES.registered, {
    deviceId: credential.deviceId,
    deviceName: credential.name,
    platform: credential.platform,
    registeredAt: iso(credential.createdAt),
    status: credential.status,
  });
}

export function challengeOf(issued: IssuedDeviceChallenge): Envelope<unknown> {
  return envelope(CODES.challenge, {
    challengeId: issued.handle,
    challenge: Buffer.from(issued.challenge).toString('base64'),
    expiresAt: iso(issued.expiresAt),
  });
}

/** The access token's `jti` (16 random bytes) written as a UUID, so a backend can correlate it. */
function uuidOfJti(jti: string): string {
  return toHex(fromBase64Url(jti)).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/**
 * SwapBits' PIN-verification body for a biometric proof. Sigil's access token rides in
 * `data.accessToken` (`data.tokenType` "Bearer"); `expiresAt` is the token's expiry and
 * `verificationUuid` its `jti`.
 */
export function verifiedOf(result: DeviceKeyVerification, now: number): Envelope<unknown> {
  return envelope(CODES.verified, {
    verified: true,
    verifiedAt: iso(now),
    verificationType: 'BIOMETRY',
    verificationUuid: uuidOfJti(result.token.claims.jti),
    expiresAt: iso(result.token.expiresAt),
    message: 'Biometric verification successful.',
    authMethod: 'biometry',
    accessToken: result.token.token,
    tokenType: 'Bearer',
  });
}

export function deviceViewOf(credential: SwapBitsDeviceKey): DeviceView {
  return {
    deviceId: credential.deviceId,
    deviceName: credential.name,
    platform: credential.platform,
    algorithm: credential.algorithm,
    status: credential.status,
    registeredAt: iso(credential.createdAt),
    lastUsedAt: credential.lastUsedAt === null ? null : iso(credential.lastUsedAt),
    revokedAt: credential.revokedAt === null ? null : iso(credential.revokedAt),
  };
}

export function devicesOf(credentials: readonly SwapBitsDeviceKey[]): Envelope<unknown> {
  return envelope(CODES.devices, { devices: credentials.map(deviceViewOf) });
}

export function revokedOf(credential: Credential): Envelope<unknown> {
  return envelope(CODES.revoked, { deviceId: credential.deviceId, status: 'revoked', revokedAt: iso(credential.revokedAt ?? 0) });
}
