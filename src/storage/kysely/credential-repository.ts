import type { Kysely } from 'kysely';
import type { Credential, CredentialKind, CredentialStatus, CredentialUsePatch } from '../../core/credential.ts';
import { DomainError } from '../../core/errors.ts';
import type { CredentialRepository } from '../../core/ports.ts';
import { encodeBytes } from './column-codecs.ts';
import { credentialFromRow, credentialToRow, credentialUseToRow } from './credential-row.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

const CREDENTIAL_ID_KEY = {
  name: 'credentials_tenant_credential_id_key',
  table: 'credentials',
  columns: ['tenant_id', 'credential_id'],
} as const;

export function createCredentialRepository(db: Kysely<Database>): CredentialRepository {
  const scoped = (tenantId: string) => db.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId);

  return {
    async create(credential: Credential): Promise<void> {
      try {
        await db.insertInto('credentials').values(credentialToRow(credential)).execute();
      } catch (error) {
        if (isUniqueViolation(error, CREDENTIAL_ID_KEY)) {
          throw new DomainError('credential_conflict', { detail: 'the credential id is registered in this tenant' });
        }
        throw error;
      }
    },

    async getById(tenantId: string, id: string): Promise<Credential | null> {
      const row = await scoped(tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : credentialFromRow(row);
    },

    async getByCredentialId(tenantId: string, credentialId: Uint8Array): Promise<Credential | null> {
      const row = await scoped(tenantId).where('credential_id', '=', encodeBytes(credentialId)).executeTakeFirst();
      return row === undefined ? null : credentialFromRow(row);
    },

    async listByUser(tenantId: string, userId: string, kind?: CredentialKind): Promise<Credential[]> {
      let query = scoped(tenantId).where('user_id', '=', userId);
      if (kind !== undefined) query = query.where('kind', '=', kind);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(credentialFromRow);
    },

    async getByDevice(tenantId: string, userId: string, kind: CredentialKind, deviceId: string): Promise<Credential | null> {
      const row = await scoped(tenantId)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .where('device_id', '=', deviceId)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row === undefined ? null : credentialFromRow(row);
    },

    // The WHERE clause on the stored counter is the whole compare-and-set: the database applies
    // it atomically, so among concurrent callers expecting the same counter exactly one matches.
    async recordUse(tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch): Promise<boolean> {
      const result = await db
        .updateTable('credentials')
        .set(credentialUseToRow(patch))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('sign_count', '=', expectedSignCount)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** A transition: false when absent or already in `status` (the first revocation time stays). */
    async setStatus(tenantId: string, id: string, status: CredentialStatus, at: number): Promise<boolean> {
      const result = await db
        .updateTable('credentials')
        .set({ status, revoked_at: status === 'revoked' ? at : null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '<>', status)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async rename(tenantId: string, id: string, name: string): Promise<boolean> {
      const result = await db
        .updateTable('credentials')
        .set({ name })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async delete(tenantId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows === 1n;
    },
  };
}
