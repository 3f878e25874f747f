import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Key-share backup, face step-up and transactions are Sigil's ceremonies, not the Duo dialect's:
 * their `duo_*` tables (0005) become neutral ones, every row kept.
 *  - `duo_keys` → `mpc_keys`, `duo_keyshare_backups` → `keyshare_backups`,
 *    `duo_face_enrollments` → `face_enrollments`: same columns, copied as they are;
 *  - `duo_users` → `dialect_users` with `dialect = 'duo'` (an explicit sign-up stays the
 *    dialect's own state, in a table any dialect with such a step can share);
 *  - `duo_transactions` → `transactions`: each DSG validation becomes a transaction of type
 *    `duo.dsg-setup` whose payload is the key id and whose evidence is the device key and the
 *    session instance, decided when it was created.
 * Tables are created afresh and copied (rather than renamed) so every engine ends with the same
 * constraint and index names; the migrator runs this in one transaction on both engines.
 */
export const neutralCeremonies: Migration = {
  async up(db) {
    await createMpcKeys(db);
    await copy(db, 'duo_keys', 'mpc_keys', ['tenant_id', 'key_id', 'user_id', 'device_credential_id', 'instance', 'created_at']);
    await createKeyshareBackups(db);
    await copy(db, 'duo_keyshare_backups', 'keyshare_backups', ['tenant_id', 'key_id', 'user_id', 'sealed_keyshare', 'created_at']);
    await createFaceEnrollments(db);
    await copy(db, 'duo_face_enrollments', 'face_enrollments', ['tenant_id', 'user_id', 'face_ref', 'registered_at']);
    await createDialectUsers(db);
    await db
      .insertInto('dialect_users')
      .columns(['tenant_id', 'user_id', 'dialect', 'registered_at'])
      .expression(db.selectFrom('duo_users').select(['tenant_id', 'user_id', sql.lit('duo').as('dialect'), 'registered_at']))
      .execute();
    await createTransactions(db);
    await copyDsgValidations(db);
    for (const table of ['duo_keyshare_backups', 'duo_keys', 'duo_face_enrollments', 'duo_users', 'duo_transactions']) await db.schema.dropTable(table).execute();
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it is at that step, untyped
type AnyDb = Kysely<any>;

async function copy(db: AnyDb, from: string, to: string, columns: string[]): Promise<void> {
  await db.insertInto(to).columns(columns).expression(db.selectFrom(from).select(columns)).execute();
}

async function createMpcKeys(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('mpc_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_credential_id', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mpc_keys_pkey', ['tenant_id', 'key_id'])
    .addForeignKeyConstraint('mpc_keys_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('mpc_keys_tenant_user_idx').on('mpc_keys').columns(['tenant_id', 'user_id']).execute();
}

async function createKeyshareBackups(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('keyshare_backups')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('sealed_keyshare', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('keyshare_backups_pkey', ['tenant_id', 'key_id'])
    .addForeignKeyConstraint('keyshare_backups_key_fkey', ['tenant_id', 'key_id'], 'mpc_keys', ['tenant_id', 'key_id'])
    .addForeignKeyConstraint('keyshare_backups_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('keyshare_backups_tenant_user_idx').on('keyshare_backups').columns(['tenant_id', 'user_id']).execute();
}

async function createFaceEnrollments(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('face_enrollments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('face_ref', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('face_enrollments_pkey', ['tenant_id', 'user_id'])
    .addForeignKeyConstraint('face_enrollments_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
}

async function createDialectUsers(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('dialect_users')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dialect_users_pkey', ['tenant_id', 'user_id', 'dialect'])
    .addForeignKeyConstraint('dialect_users_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
}

async function createTransactions(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('transactions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('transactions_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('transactions_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('transactions_tenant_user_type_created_idx').on('transactions').columns(['tenant_id', 'user_id', 'type', 'created_at']).execute();
}

interface DsgValidationRow {
  tenant_id: string;
  id: string;
  user_id: string;
  key_id: string;
  device_key: string;
  instance: string;
  status: string;
  created_at: number | string;
}

const PAGE = 500;

/** SQLite has no SHA-256, so the payload hash is computed here; pages in key order keep memory flat. */
async function copyDsgValidations(db: AnyDb): Promise<void> {
  let after: { tenant_id: string; id: string } | null = null;
  for (;;) {
    let query = db.selectFrom('duo_transactions').selectAll().orderBy('tenant_id').orderBy('id').limit(PAGE);
    if (after !== null) {
      const { tenant_id, id } = after;
      query = query.where((eb) => eb.or([eb('tenant_id', '>', tenant_id), eb.and([eb('tenant_id', '=', tenant_id), eb('id', '>', id)])]));
    }
    const rows = (await query.execute()) as DsgValidationRow[];
    if (rows.length === 0) return;
    await db.insertInto('transactions').values(rows.map(transactionOfDsgValidation)).execute();
    const last = rows[rows.length - 1] as DsgValidationRow;
    after = { tenant_id: last.tenant_id, id: last.id };
  }
}

function transactionOfDsgValidation(row: DsgValidationRow): Record<string, unknown> {
  return {
    tenant_id: row.tenant_id,
    id: row.id,
    user_id: row.user_id,
    type: 'duo.dsg-setup',
    payload: row.key_id,
    payload_hash: createHash('sha256').update(row.key_id, 'utf8').digest('hex'),
    nonce: null,
    status: row.status,
    created_at: row.created_at,
    expires_at: null,
    decided_at: row.created_at,
    evidence: JSON.stringify({ kind: 'mpc-session', deviceKey: row.device_key, instance: row.instance }),
  };
}
