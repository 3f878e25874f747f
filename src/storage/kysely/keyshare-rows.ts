/** Key-share backup tables (migration 0008 renamed them from `duo_*`) and their row ↔ domain mappers. */
import type { KeyshareBackup, MpcKey } from '../../core/keyshares/mpc-key.ts';

export interface MpcKeyTable {
  tenant_id: string;
  key_id: string;
  user_id: string;
  device_credential_id: string;
  instance: string;
  created_at: number;
}

export interface KeyshareBackupTable {
  tenant_id: string;
  key_id: string;
  user_id: string;
  /** `Sealer` output: AES-256-GCM under a fresh data key, bound to tenant, user and key id. */
  sealed_keyshare: string;
  created_at: number;
}

export const mpcKeyToRow = (k: MpcKey): MpcKeyTable => ({
  tenant_id: k.tenantId,
  key_id: k.keyId,
  user_id: k.userId,
  device_credential_id: k.deviceCredentialId,
  instance: k.instance,
  created_at: k.createdAt,
});

export const mpcKeyFromRow = (row: MpcKeyTable): MpcKey => ({
  tenantId: row.tenant_id,
  keyId: row.key_id,
  userId: row.user_id,
  deviceCredentialId: row.device_credential_id,
  instance: row.instance,
  createdAt: row.created_at,
});

export const keyshareBackupToRow = (b: KeyshareBackup): KeyshareBackupTable => ({
  tenant_id: b.tenantId,
  key_id: b.keyId,
  user_id: b.userId,
  sealed_keyshare: b.sealedKeyshare,
  created_at: b.createdAt,
});

export const keyshareBackupFromRow = (row: KeyshareBackupTable): KeyshareBackup => ({
  tenantId: row.tenant_id,
  keyId: row.key_id,
  userId: row.user_id,
  sealedKeyshare: row.sealed_keyshare,
  createdAt: row.created_at,
});
