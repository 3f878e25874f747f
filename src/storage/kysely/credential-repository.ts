import type { CompiledQuery, Kysely } from 'kysely';
import type { Credential, CredentialKind, CredentialOf, CredentialStatus, CredentialUsePatch } from '../../core/credential.ts';
import { DomainError } from '../../core/errors.ts';
import type { CredentialRepository } from '../../core/ports.ts';
import { encodeBytes, encodeFlag } from './column-codecs.ts';
import { credentialFromRow, credentialToRow, type CredentialTable } from './credential-row.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { precompile, precompileQuery } from './precompiled.ts';
import { createCredentialOwnerQueries } from './credential-owner-queries.ts';
import { createRecordUseAudited } from './record-use-audited.ts';

const CREDENTIAL_ID_KEY = {
  name: 'credentials_tenant_credential_id_key',
  table: 'credentials',
  columns: ['tenant_id', 'credential_id'],
} as const;

/** One active device key per user, dialect and device (migration 0007). */
const ACTIVE_DEVICE_KEY = {
  name: 'credentials_active_device_key',
  table: 'credentials',
  columns: ['tenant_id', 'user_id', 'enrolled_via', 'device_id'],
} as const;

export function createCredentialRepository(db: Kysely<Database>, hot: HotPathExecutor): CredentialRepository {
  const scoped = (tenantId: string) => db.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId);
  // The login path's queries, compiled once (see precompiled.ts).
  const byCredentialId = precompile<[string, string], CredentialTable>(hot, 2, (t, c) => scoped(t).where('credential_id', '=', c));
  const byUserAndKind = precompile<[string, string, CredentialKind], CredentialTable>(hot, 3, (t, u, k) =>
    scoped(t).where('user_id', '=', u).where('kind', '=', k).orderBy('created_at').orderBy('id'),
  );
  const compareAndSetUseQuery = precompileQuery<[number, number, number, number, string, string, number], unknown>(7, (count, be, bs, at, t, id, expected) =>
    db
      .updateTable('credentials')
      .set({ sign_count: count, backup_eligible: be, backup_state: bs, last_used_at: at })
      .where('tenant_id', '=', t)
      .where('id', '=', id)
      .where('sign_count', '=', expected)
      // A credential revoked between the login's read and this write does not complete it. The
      // same conditions are in postgres-audited-uses.ts (AUDITED_USES_SQL).
      .where('status', '=', 'active'),
  );
  const owned = createCredentialOwnerQueries(db, hot);
  // The WHERE clause on the stored counter is the whole compare-and-set: the database applies
  // it atomically, so among concurrent callers expecting the same counter exactly one matches.
  const compareAndSetQuery = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch): CompiledQuery => {
    const { signCount, backupEligible, backupState, lastUsedAt } = patch;
    return compareAndSetUseQuery(signCount, encodeFlag(backupEligible), encodeFlag(backupState), lastUsedAt, tenantId, id, expectedSignCount);
  };
  const recordUse = async (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch): Promise<boolean> =>
    (await hot.execute(compareAndSetQuery(tenantId, id, expectedSignCount, patch))).numAffectedRows === 1n;

  return {
    recordUse,
    recordUseAudited: createRecordUseAudited(db, hot, compareAndSetQuery),
    getWithOwner: (tenantId, credentialId) => owned.getWithOwner(tenantId, encodeBytes(credentialId)),
    listByUsername: (tenantId, username, kind) => owned.listByUsername(tenantId, username, kind),

    async create(credential: Credential): Promise<void> {
      try {
        await db.insertInto('credentials').values(credentialToRow(credential)).execute();
      } catch (error) {
        if (isUniqueViolation(error, CREDENTIAL_ID_KEY)) {
          throw new DomainError('credential_conflict', { detail: 'the credential id is registered in this tenant' });
        }
        if (isUniqueViolation(error, ACTIVE_DEVICE_KEY)) {
          throw new DomainError('credential_conflict', { detail: 'the device already has an active key of this dialect' });
        }
        throw error;
      }
    },

    async getById(tenantId: string, id: string): Promise<Credential | null> {
      const row = await scoped(tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : credentialFromRow(row);
    },

    async getByCredentialId(tenantId: string, credentialId: Uint8Array): Promise<Credential | null> {
      const [row] = (await byCredentialId(tenantId, encodeBytes(credentialId))).rows;
      return row === undefined ? null : credentialFromRow(row);
    },

    async listByUser<K extends CredentialKind>(tenantId: string, userId: string, kind?: K): Promise<CredentialOf<K>[]> {
      // The rows of `kind` map to credentials of that kind (credentialFromRow switches on it).
      if (kind !== undefined) return (await byUserAndKind(tenantId, userId, kind)).rows.map(credentialFromRow) as CredentialOf<K>[];
      const rows = await scoped(tenantId).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
      return rows.map(credentialFromRow) as CredentialOf<K>[];
    },

    async getByDevice<K extends CredentialKind>(tenantId: string, userId: string, kind: K, deviceId: string): Promise<CredentialOf<K> | null> {
      const row = await scoped(tenantId)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .where('device_id', '=', deviceId)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row === undefined ? null : (credentialFromRow(row) as CredentialOf<K>);
    },

    async markUsed(tenantId: string, id: string, at: number): Promise<boolean> {
      const result = await db.updateTable('credentials').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
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
