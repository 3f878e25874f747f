import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testServiceSettings } from '../../config/test-services.ts';
import { createMemoryEphemeralStore } from '../../ephemeral/memory.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { runStorageContract } from '../contract.ts';
import { createKyselyStorage } from '../kysely/create-kysely-storage.ts';
import { migrateToLatest } from '../kysely/migrate.ts';
import { createCachingStorage } from './create-caching-storage.ts';
import { createOwnerStamps } from './owner-stamps.ts';

// The decorated store is the store the server runs on: it passes the same contract as the bare one.

async function sqliteStore() {
  const dir = await mkdtemp(join(tmpdir(), 'sigil-caching-'));
  const storage = createKyselyStorage({ kind: 'sqlite', file: join(dir, 'sigil.db') });
  await migrateToLatest(storage);
  return { storage, dir };
}

runStorageContract('caching decorator over SQLite (one node, no stamps)', async () => {
  const { storage, dir } = await sqliteStore();
  const clock = new FixedClock();
  const cached = createCachingStorage(storage, { capacity: 1000, now: () => clock.now(), stamps: null });
  return {
    storage: cached,
    executeRaw: (statement) => sql.raw(statement).execute(storage.db),
    cleanup: async () => {
      await cached.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

runStorageContract('caching decorator over SQLite with stamps in the memory ephemeral store', async () => {
  const { storage, dir } = await sqliteStore();
  const clock = new FixedClock();
  const ephemeral = createMemoryEphemeralStore({ clock, maxEntries: 10_000 });
  const cached = createCachingStorage(storage, { capacity: 1000, now: () => clock.now(), stamps: createOwnerStamps(ephemeral) });
  return {
    storage: cached,
    executeRaw: (statement) => sql.raw(statement).execute(storage.db),
    cleanup: async () => {
      await cached.close();
      await ephemeral.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

const { databaseUrl, redisUrl } = testServiceSettings();
if (databaseUrl !== null && redisUrl !== null) {
  runStorageContract('caching decorator over PostgreSQL with stamps in Redis', async () => {
    const schema = `sigil_caching_${randomBytes(6).toString('hex')}`;
    const storage = createKyselyStorage({ kind: 'postgres', url: databaseUrl, schema });
    await sql`create schema ${sql.id(schema)}`.execute(storage.db);
    await migrateToLatest(storage);
    const clock = new FixedClock();
    const ephemeral = createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix: `${schema}:` });
    const cached = createCachingStorage(storage, { capacity: 1000, now: () => clock.now(), stamps: createOwnerStamps(ephemeral) });
    return {
      storage: cached,
      executeRaw: (statement) => sql.raw(statement).execute(storage.db),
      cleanup: async () => {
        try {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(storage.db);
        } finally {
          await cached.close();
          await ephemeral.close();
        }
      },
    };
  });
}
