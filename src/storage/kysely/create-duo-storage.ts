import type { Kysely } from 'kysely';
import type { DuoStorage } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { createDuoBackupRepository } from './duo-backup-repository.ts';
import { createDuoFaceRepository } from './duo-face-repository.ts';
import { createDuoKeyRepository } from './duo-key-repository.ts';
import { createDuoTransactionRepository } from './duo-transaction-repository.ts';
import { createDuoUserRepository } from './duo-user-repository.ts';

/** The Duo repositories over one Kysely handle. */
export function createDuoStorage(db: Kysely<Database>): DuoStorage {
  return {
    users: createDuoUserRepository(db),
    faces: createDuoFaceRepository(db),
    keys: createDuoKeyRepository(db),
    backups: createDuoBackupRepository(db),
    transactions: createDuoTransactionRepository(db),
  };
}
