/**
 * The storage ports of key-share backup. Like every repository, each method takes the tenant id
 * first and never reads or writes another tenant's rows.
 */
import type { KeyshareBackup, MpcKey } from './mpc-key.ts';

export interface MpcKeyRepository {
  /**
   * Inserts the key unless its id is known in the tenant, and returns the stored key: when the
   * id is already taken, the existing key (possibly another user's) is returned unchanged.
   */
  add(key: MpcKey): Promise<MpcKey>;
  get(tenantId: string, keyId: string): Promise<MpcKey | null>;
  /** Oldest first. */
  listByUser(tenantId: string, userId: string): Promise<MpcKey[]>;
}

export interface KeyshareBackupRepository {
  /**
   * Stores every backup, replacing an earlier backup of the same key, all or none. Each key id
   * must name an MPC key of the tenant (the caller has checked ownership).
   */
  putAll(backups: readonly KeyshareBackup[]): Promise<void>;
  get(tenantId: string, keyId: string): Promise<KeyshareBackup | null>;
  /** Oldest first. */
  listByUser(tenantId: string, userId: string): Promise<KeyshareBackup[]>;
}
