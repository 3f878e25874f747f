/** Wire ↔ core for the Duo dialect: small pure functions, timestamps as ISO 8601. */
import type { Credential } from '../../core/credential.ts';
import { DomainError } from '../../core/errors.ts';
import type { FaceScan } from '../../core/face/face-verifier.ts';
import type { MpcKeySummary } from '../../core/keyshares/list-mpc-keys.ts';
import type { KeyshareBackup } from '../../core/keyshares/mpc-key.ts';
import type { RecoveredKeyshare } from '../../core/keyshares/recover-keyshares.ts';
import type { Transaction } from '../../core/transactions/transaction.ts';
import type { DuoDeviceOutcome } from './devices/register-duo-device.ts';
import { DUO_ERRORS } from './errors.ts';
import type { FaceFields, SuccessMessage } from './wire.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The face step-up fields: all four together or none. One without the others is a malformed
 * request, never a silent skip of the step-up.
 */
export function faceScanFrom(body: FaceFields): FaceScan | null {
  const { face_scan, audit_trail_image, low_quality_audit_trail_image, user_agent } = body;
  const given = [face_scan, audit_trail_image, low_quality_audit_trail_image, user_agent].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (face_scan === undefined || audit_trail_image === undefined || low_quality_audit_trail_image === undefined || user_agent === undefined) {
    throw new DomainError('invalid_request', { detail: 'face_scan, audit_trail_image, low_quality_audit_trail_image and user_agent go together' });
  }
  return { faceScan: face_scan, auditTrailImage: audit_trail_image, lowQualityAuditTrailImage: low_quality_audit_trail_image, userAgent: user_agent };
}

export function userRegisteredWire(created: boolean): SuccessMessage {
  return { success: true, message: created ? 'User registered successfully' : 'User already registered' };
}

export function deviceRegisteredWire(outcome: DuoDeviceOutcome): SuccessMessage {
  return { success: true, message: outcome === 'registered' ? 'Device registered successfully' : 'Device already registered' };
}

export function faceRegisteredWire(registeredAt: number): SuccessMessage & { registered_at: string } {
  return { success: true, message: 'Face registered successfully', registered_at: iso(registeredAt) };
}

export function faceStatusWire(registeredAt: number | null): { registered: boolean; registered_at: string | null } {
  return { registered: registeredAt !== null, registered_at: registeredAt === null ? null : iso(registeredAt) };
}

export function keyWire(key: MpcKeySummary): { key_id: string; created_at: string; backup?: { created_at: string } } {
  return { key_id: key.keyId, created_at: iso(key.createdAt), ...(key.backupCreatedAt === null ? {} : { backup: { created_at: iso(key.backupCreatedAt) } }) };
}

export function deviceWire(device: Credential): { device_verifying_key: string; device_name: string | null; is_active: boolean; created_at: string } {
  return { device_verifying_key: device.deviceId ?? '', device_name: device.name, is_active: device.status === 'active', created_at: iso(device.createdAt) };
}

export function backupWire(backups: readonly KeyshareBackup[]): SuccessMessage & { keyshares: { key_id: string; created_at: string }[] } {
  return { success: true, message: 'Keyshares backed up successfully', keyshares: backups.map((b) => ({ key_id: b.keyId, created_at: iso(b.createdAt) })) };
}

/** 200 when every key was recovered; 207 with a per-key Duo error for each one that was not. */
export function recoveryWire(results: readonly RecoveredKeyshare[]): { status: 200 | 207; body: unknown } {
  const keyshares = results.map((r) =>
    'error' in r
      ? { key_id: r.keyId, error: { code: DUO_ERRORS[r.error].code, message: DUO_ERRORS[r.error].message } }
      : { key_id: r.keyId, encrypted_keyshare: r.encryptedKeyshare },
  );
  if (results.every((r) => !('error' in r))) return { status: 200, body: { success: true, keyshares } };
  return { status: 207, body: { success: false, message: 'Some keyshares could not be recovered', keyshares } };
}

/** A DSG setup validation: its payload is the key id, its evidence the device key and instance. */
export function transactionWire(t: Transaction): Record<string, string> {
  const evidence = t.evidence?.kind === 'mpc-session' ? t.evidence : { deviceKey: '', instance: '' };
  return { id: t.id, key_id: t.payload ?? '', device_verifying_key: evidence.deviceKey, instance: evidence.instance, status: t.status, created_at: iso(t.createdAt) };
}

/** `setup.key_id` as a list of lower-case key ids. */
export function setupKeyIds(value: string | readonly string[]): string[] {
  return (typeof value === 'string' ? [value] : [...value]).map((id) => id.toLowerCase());
}
