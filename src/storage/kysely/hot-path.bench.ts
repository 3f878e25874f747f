/**
 * Times the queries of one login on SQLite (a temporary file): read the credential by its
 * credential id, compare-and-set the counter, append an audit row. Run with
 * `node src/storage/kysely/hot-path.bench.ts [iterations]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argv } from 'node:process';
import { createFixtures } from '../contract/fixtures.ts';
import { encodeBytes } from './column-codecs.ts';
import { createKyselyStorage } from './create-kysely-storage.ts';
import { migrateToLatest } from './migrate.ts';

const iterations = Number(argv[2] ?? 20_000);
const dir = await mkdtemp(join(tmpdir(), 'sigil-bench-'));
const storage = createKyselyStorage({ kind: 'sqlite', file: join(dir, 'bench.db') });
await migrateToLatest(storage);
const fixtures = createFixtures('hot-path');
const tenant = fixtures.tenant();
const user = fixtures.user(tenant.id);
const credential = fixtures.credential(tenant.id, user.id);
await storage.tenants.create(tenant);
await storage.users.create(user);
await storage.credentials.create(credential);

async function time(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 1000; i++) await run(-1 - i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await run(i);
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  process.stdout.write(`${label.padEnd(44)} ${micros.toFixed(1).padStart(6)} µs/call\n`);
}

let count = 0;
const events = Array.from({ length: iterations + 1000 }, () => fixtures.auditEvent(tenant.id));
let e = 0;
await time('credentials.getByCredentialId', () => storage.credentials.getByCredentialId(tenant.id, credential.credentialId));
await time('credentials.recordUse (winning CAS)', () =>
  storage.credentials.recordUse(tenant.id, credential.id, count, { signCount: ++count, backupEligible: false, backupState: false, lastUsedAt: count }));
await time('audit.append', () => storage.audit.append(events[e++] ?? fixtures.auditEvent(tenant.id)));
await time('kysely build + compile only (getByCredentialId)', async () =>
  storage.db.selectFrom('credentials').selectAll().where('tenant_id', '=', tenant.id).where('credential_id', '=', encodeBytes(credential.credentialId)).compile());

await storage.close();
await rm(dir, { recursive: true, force: true });
