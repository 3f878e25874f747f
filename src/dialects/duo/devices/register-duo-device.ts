import { decodeSignatureText } from '../../../crypto/device-keys/index.ts';
import { isDeviceKeyOf, type Credential } from '../../../core/credential.ts';
import { enrollDeviceKey } from '../../../core/device-keys/enroll-device-key.ts';
import type { CoreDeps, RequestContext } from '../../../core/deps.ts';
import { fromBase64Url, toHex } from '../../../core/encoding.ts';
import { DomainError, isDomainError } from '../../../core/errors.ts';
import type { FaceScan } from '../../../core/face/face-verifier.ts';
import type { Tenant } from '../../../core/tenant.ts';
import type { User } from '../../../core/user.ts';
import { parseDuoDeviceKey } from './duo-device.ts';
import { matchEnrolledFace } from '../../../core/face/face-gate.ts';
import type { FaceGate } from '../../../core/face/face-gate.ts';
import { takeDeviceChallenge } from './take-device-challenge.ts';
import { verifyDuoDeviceProof } from './verify-device-proof.ts';

export interface DuoDeviceRegistration {
  /** `device_id` exactly as sent: hex `04 || X || Y`. */
  readonly deviceId: string;
  /** Hex DER ECDSA signature of the proof message. */
  readonly signature: string;
  readonly deviceName: string | null;
  /** The face step-up fields, when the client sent them. */
  readonly face: FaceScan | null;
}

export type DuoDeviceOutcome = 'registered' | 'already_registered';

/**
 * `POST /auth/devices/register`, step by step: the key and the signature text must parse; the
 * challenge issued to this user for this key is consumed (whatever follows); the device proves
 * possession of the key; a key this user already holds is a no-op, a key held by anyone else a
 * conflict; a user with a registered face must pass a face match; then the key is bound to the
 * user as a device-key credential (the generic `enrollDeviceKey`, with the device id being the
 * key's own hex; audited there).
 */
export async function registerDuoDevice(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
  gate: FaceGate,
  input: DuoDeviceRegistration,
): Promise<{ outcome: DuoDeviceOutcome; credential: Credential }> {
  const device = parseDuoDeviceKey(input.deviceId);
  const signature = decodeSignatureText(input.signature, 'hex');
  const challenge = await takeDeviceChallenge(deps, tenant, user, device);
  verifyDuoDeviceProof(device, input.deviceId, toHex(fromBase64Url(challenge.challenge)), signature);

  const existing = await deps.storage.credentials.getByCredentialId(tenant.id, device.credentialId);
  if (existing !== null) return { outcome: judgeExisting(existing, user), credential: existing };
  const enrollment = await deps.storage.faces.get(tenant.id, user.id);
  if (enrollment !== null) await matchEnrolledFace(deps, ctx, tenant, enrollment, gate, input.face, 'device registration');

  try {
    const enrolled = await enrollDeviceKey(deps, ctx, tenant, {
      account: { userId: user.id },
      key: device.key,
      authority: { kind: 'session', userId: user.id },
      deviceId: device.hex,
      name: input.deviceName,
      origin: { enrolledVia: 'duo' },
    });
    return { outcome: enrolled.outcome === 'unchanged' ? 'already_registered' : 'registered', credential: enrolled.credential };
  } catch (error) {
    // A concurrent registration of the same key won: answer as if it had come first.
    if (!isDomainError(error) || error.code !== 'credential_conflict') throw error;
    const raced = await deps.storage.credentials.getByCredentialId(tenant.id, device.credentialId);
    if (raced === null) throw error;
    return { outcome: judgeExisting(raced, user), credential: raced };
  }
}

/** A key already registered in the tenant: this user's Duo device (no-op), or a conflict. */
function judgeExisting(existing: Credential, user: User): DuoDeviceOutcome {
  if (existing.userId !== user.id || !isDeviceKeyOf(existing, 'duo')) {
    throw new DomainError('credential_conflict', { detail: 'the device key is registered to another user or as another kind of credential' });
  }
  if (existing.status !== 'active') throw new DomainError('credential_revoked', { detail: 'the device key was revoked' });
  return 'already_registered';
}
