/** Duo tables (migration 0005) and their row ↔ domain mappers: column names are the fields in snake case. */
import type { DuoFaceEnrollment, DuoKey, DuoKeyshareBackup, DuoTransaction, DuoTransactionStatus, DuoUserRegistration } from '../../core/duo/duo-records.ts';

export interface DuoUserTable {
  tenant_id: string;
  user_id: string;
  registered_at: number;
}

export interface DuoFaceEnrollmentTable {
  tenant_id: string;
  user_id: string;
  face_ref: string;
  registered_at: number;
}

export interface DuoKeyTable {
  tenant_id: string;
  key_id: string;
  user_id: string;
  device_credential_id: string;
  instance: string;
  created_at: number;
}

export interface DuoKeyshareBackupTable {
  tenant_id: string;
  key_id: string;
  user_id: string;
  /** `Sealer` output: AES-256-GCM under a fresh data key, bound to tenant, user and key id. */
  sealed_keyshare: string;
  created_at: number;
}

export interface DuoTransactionTable {
  tenant_id: string;
  id: string;
  user_id: string;
  key_id: string;
  device_key: string;
  instance: string;
  status: DuoTransactionStatus;
  created_at: number;
}

export const duoUserToRow = (r: DuoUserRegistration): DuoUserTable => ({ tenant_id: r.tenantId, user_id: r.userId, registered_at: r.registeredAt });

export const duoUserFromRow = (row: DuoUserTable): DuoUserRegistration => ({ tenantId: row.tenant_id, userId: row.user_id, registeredAt: row.registered_at });

export const duoFaceToRow = (e: DuoFaceEnrollment): DuoFaceEnrollmentTable => ({
  tenant_id: e.tenantId,
  user_id: e.userId,
  face_ref: e.faceRef,
  registered_at: e.registeredAt,
});

export const duoFaceFromRow = (row: DuoFaceEnrollmentTable): DuoFaceEnrollment => ({
  tenantId: row.tenant_id,
  userId: row.user_id,
  faceRef: row.face_ref,
  registeredAt: row.registered_at,
});

export const duoKeyToRow = (k: DuoKey): DuoKeyTable => ({
  tenant_id: k.tenantId,
  key_id: k.keyId,
  user_id: k.userId,
  device_credential_id: k.deviceCredentialId,
  instance: k.instance,
  created_at: k.createdAt,
});

export const duoKeyFromRow = (row: DuoKeyTable): DuoKey => ({
  tenantId: row.tenant_id,
  keyId: row.key_id,
  userId: row.user_id,
  deviceCredentialId: row.device_credential_id,
  instance: row.instance,
  createdAt: row.created_at,
});

export const duoBackupToRow = (b: DuoKeyshareBackup): DuoKeyshareBackupTable => ({
  tenant_id: b.tenantId,
  key_id: b.keyId,
  user_id: b.userId,
  sealed_keyshare: b.sealedKeyshare,
  created_at: b.createdAt,
});

export const duoBackupFromRow = (row: DuoKeyshareBackupTable): DuoKeyshareBackup => ({
  tenantId: row.tenant_id,
  keyId: row.key_id,
  userId: row.user_id,
  sealedKeyshare: row.sealed_keyshare,
  createdAt: row.created_at,
});

export const duoTransactionToRow = (t: DuoTransaction): DuoTransactionTable => ({
  tenant_id: t.tenantId,
  id: t.id,
  user_id: t.userId,
  key_id: t.keyId,
  device_key: t.deviceKey,
  instance: t.instance,
  status: t.status,
  created_at: t.createdAt,
});

export const duoTransactionFromRow = (row: DuoTransactionTable): DuoTransaction => ({
  tenantId: row.tenant_id,
  id: row.id,
  userId: row.user_id,
  keyId: row.key_id,
  deviceKey: row.device_key,
  instance: row.instance,
  status: row.status,
  createdAt: row.created_at,
});
