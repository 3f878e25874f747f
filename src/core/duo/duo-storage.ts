/**
 * The storage port of the Duo auth service, one repository per record. Like every repository,
 * each method takes the tenant id first and never reads or writes another tenant's rows.
 */
import type { DuoFaceEnrollment, DuoKey, DuoKeyshareBackup, DuoTransaction, DuoUserRegistration } from './duo-records.ts';

export interface DuoUserRepository {
  /** Records the registration unless one exists; true when this call created it. */
  register(registration: DuoUserRegistration): Promise<boolean>;
  get(tenantId: string, userId: string): Promise<DuoUserRegistration | null>;
}

export interface DuoFaceRepository {
  /** Records the enrollment unless the user has one; true when this call created it. */
  enroll(enrollment: DuoFaceEnrollment): Promise<boolean>;
  get(tenantId: string, userId: string): Promise<DuoFaceEnrollment | null>;
}

export interface DuoKeyRepository {
  /**
   * Inserts the key unless its id is known in the tenant, and returns the stored key: when the
   * id is already taken, the existing key (possibly another user's) is returned unchanged.
   */
  add(key: DuoKey): Promise<DuoKey>;
  get(tenantId: string, keyId: string): Promise<DuoKey | null>;
  /** Oldest first. */
  listByUser(tenantId: string, userId: string): Promise<DuoKey[]>;
}

export interface DuoBackupRepository {
  /**
   * Stores every backup, replacing an earlier backup of the same key, all or none. Each key id
   * must name a key of the tenant (the caller has checked ownership).
   */
  putAll(backups: readonly DuoKeyshareBackup[]): Promise<void>;
  get(tenantId: string, keyId: string): Promise<DuoKeyshareBackup | null>;
  /** Oldest first. */
  listByUser(tenantId: string, userId: string): Promise<DuoKeyshareBackup[]>;
}

export interface DuoTransactionRepository {
  add(transaction: DuoTransaction): Promise<void>;
  /** The newest `limit`, newest first. */
  listByUser(tenantId: string, userId: string, limit: number): Promise<DuoTransaction[]>;
}

export interface DuoStorage {
  readonly users: DuoUserRepository;
  readonly faces: DuoFaceRepository;
  readonly keys: DuoKeyRepository;
  readonly backups: DuoBackupRepository;
  readonly transactions: DuoTransactionRepository;
}
