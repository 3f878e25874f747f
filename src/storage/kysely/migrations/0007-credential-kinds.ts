import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { engineOf } from './engine-of.ts';

/**
 * A credential says what it is: `kind` is 'passkey', 'device_key' or 'legacy_identity', and
 * `enrolled_via` names the dialect that enrolled it. A legacy BioKey identity value moves out of
 * `public_key` into `sealed_value` (so `public_key` and `algorithm` become nullable), and
 * `platform` keeps only a SwapBits device's operating system.
 *
 * Existing rows are classified once, here, by the marks the earlier code left (the only place
 * those marks are read): algorithm 0 was a legacy identity; platform 'biokey' was BioKey's
 * marker; a P-256 device key whose device id is its own X9.63 hex was a Duo device; 'iOS' and
 * 'Android' were SwapBits'. A device key matching none stops the migration rather than be guessed.
 *
 * A device holds one active key per dialect, now in the schema (a partial unique index), so two
 * concurrent enrollments cannot both leave a key active. Where that race already happened, the
 * older keys are revoked as of the newest one's enrollment, as enrolling it would have done.
 */
export const credentialKinds: Migration = {
  async up(db) {
    if (engineOf(db) === 'postgres') {
      await db.schema
        .alterTable('credentials')
        .addColumn('enrolled_via', 'text')
        .addColumn('sealed_value', 'text')
        .alterColumn('public_key', (c) => c.dropNotNull())
        .alterColumn('algorithm', (c) => c.dropNotNull())
        .execute();
    } else {
      await rebuildSqliteTable(db);
    }
    const rows = await db.selectFrom('credentials').select(['tenant_id', 'id', 'kind', 'public_key', 'algorithm', 'device_id', 'platform']).execute();
    for (const row of rows as OldRow[]) {
      await db.updateTable('credentials').set(classify(row)).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    }
    if (engineOf(db) === 'postgres') await db.schema.alterTable('credentials').alterColumn('enrolled_via', (c) => c.setNotNull()).execute();
    await revokeSupersededDeviceKeys(db);
    await db.schema
      .createIndex('credentials_active_device_key')
      .on('credentials')
      .columns(['tenant_id', 'user_id', 'enrolled_via', 'device_id'])
      .unique()
      .where(sql.ref('kind'), '=', 'device_key')
      .where(sql.ref('status'), '=', 'active')
      .execute();
  },
};

interface OldRow {
  readonly tenant_id: string;
  readonly id: string;
  readonly kind: string;
  readonly public_key: string;
  readonly algorithm: number;
  readonly device_id: string | null;
  readonly platform: string | null;
}

interface Classified {
  readonly kind: 'passkey' | 'device_key' | 'legacy_identity';
  readonly enrolled_via: 'native' | 'biokey' | 'swapbits' | 'duo';
  readonly public_key: string | null;
  readonly sealed_value: string | null;
  readonly algorithm: number | null;
  readonly platform: string | null;
}

const LEGACY_OPAQUE_ALGORITHM = 0;
const BIOKEY_MARKER = 'biokey';
const SWAPBITS_PLATFORMS: readonly string[] = ['iOS', 'Android'];

export function classify(row: OldRow): Classified {
  const kept = { public_key: row.public_key, sealed_value: null, algorithm: row.algorithm };
  if (row.kind === 'passkey') {
    return { ...kept, kind: 'passkey', enrolled_via: row.platform === BIOKEY_MARKER ? 'biokey' : 'native', platform: null };
  }
  if (row.kind !== 'device_key') throw new Error(`credential ${row.tenant_id}/${row.id}: unknown kind ${row.kind}`);
  if (row.algorithm === LEGACY_OPAQUE_ALGORITHM) {
    // The sealed text was stored as the base64url of its UTF-8 bytes.
    const sealed = Buffer.from(row.public_key, 'base64url').toString('utf8');
    return { kind: 'legacy_identity', enrolled_via: 'biokey', public_key: null, sealed_value: sealed, algorithm: null, platform: null };
  }
  if (row.platform === BIOKEY_MARKER) return { ...kept, kind: 'device_key', enrolled_via: 'biokey', platform: null };
  if (row.platform !== null && SWAPBITS_PLATFORMS.includes(row.platform)) return { ...kept, kind: 'device_key', enrolled_via: 'swapbits', platform: row.platform };
  if (row.platform === null && isOwnHexDeviceId(row)) return { ...kept, kind: 'device_key', enrolled_via: 'duo', platform: null };
  throw new Error(`credential ${row.tenant_id}/${row.id}: a device key no dialect is known to have enrolled (platform ${String(row.platform)})`);
}

/** Duo's device id is the key itself: hex `04 || X || Y`, the last 65 bytes of its P-256 SPKI. */
function isOwnHexDeviceId(row: OldRow): boolean {
  const spki = Buffer.from(row.public_key, 'base64url');
  return row.algorithm === -7 && spki.byteLength === 91 && row.device_id === spki.subarray(26).toString('hex');
}

const COLUMNS_KEPT = [
  'tenant_id', 'id', 'user_id', 'kind', 'credential_id', 'public_key', 'algorithm', 'sign_count', 'aaguid', 'transports', 'attestation_format',
  'attestation_trust', 'backup_eligible', 'backup_state', 'user_verified', 'device_id', 'name', 'platform', 'status', 'created_at', 'last_used_at', 'revoked_at',
] as const;

/** SQLite cannot drop a NOT NULL: the table is made anew, its rows copied, and the old one dropped. */
async function rebuildSqliteTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credentials_0007')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enrolled_via', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text')
    .addColumn('sealed_value', 'text')
    .addColumn('algorithm', 'integer')
    .addColumn('sign_count', 'bigint', (c) => c.notNull())
    .addColumn('aaguid', 'text')
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('attestation_format', 'text')
    .addColumn('attestation_trust', 'text')
    .addColumn('backup_eligible', 'smallint', (c) => c.notNull())
    .addColumn('backup_state', 'smallint', (c) => c.notNull())
    .addColumn('user_verified', 'smallint', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('name', 'text')
    .addColumn('platform', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addPrimaryKeyConstraint('credentials_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('credentials_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  const columns = sql.join(COLUMNS_KEPT.map((c) => sql.ref(c)));
  // enrolled_via is filled by the classification that follows, in the same transaction.
  await sql`insert into credentials_0007 (${columns}, enrolled_via) select ${columns}, '' from credentials`.execute(db);
  await db.schema.dropIndex('credentials_tenant_credential_id_key').execute();
  await db.schema.dropIndex('credentials_tenant_user_idx').execute();
  await db.schema.dropTable('credentials').execute();
  await db.schema.alterTable('credentials_0007').renameTo('credentials').execute();
  await db.schema.createIndex('credentials_tenant_credential_id_key').on('credentials').columns(['tenant_id', 'credential_id']).unique().execute();
  await db.schema.createIndex('credentials_tenant_user_idx').on('credentials').columns(['tenant_id', 'user_id']).execute();
}

/** Of several active device keys on one device of one dialect, all but the newest are revoked. */
async function revokeSupersededDeviceKeys(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ tenant_id: string; id: string; user_id: string; enrolled_via: string; device_id: string; created_at: number }>`
    select tenant_id, id, user_id, enrolled_via, device_id, created_at from credentials
    where kind = 'device_key' and status = 'active' order by created_at desc, id desc`.execute(db);
  const newest = new Map<string, number>();
  for (const row of rows) {
    const device = JSON.stringify([row.tenant_id, row.user_id, row.enrolled_via, row.device_id]);
    const supersededAt = newest.get(device);
    if (supersededAt === undefined) {
      newest.set(device, Number(row.created_at));
      continue;
    }
    await sql`update credentials set status = 'revoked', revoked_at = ${supersededAt} where tenant_id = ${row.tenant_id} and id = ${row.id}`.execute(db);
  }
}
