import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testServiceSettings } from '../../config/test-services.ts';
import type { PasskeyCredential } from '../../core/credential.ts';
import type { EphemeralStore, Storage } from '../../core/ports.ts';
import { createMemoryEphemeralStore } from '../../ephemeral/memory.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createFixtures } from '../contract/fixtures.ts';
import { createKyselyStorage } from '../kysely/create-kysely-storage.ts';
import { migrateToLatest } from '../kysely/migrate.ts';
import { createCachingStorage } from './create-caching-storage.ts';
import { createOwnerStamps } from './owner-stamps.ts';

/** Two nodes: each its own connection to one database and to one shared ephemeral store. */
interface TwoNodes {
  readonly a: Storage;
  readonly b: Storage;
  close(): Promise<void>;
}

const clock = new FixedClock();
const node = (durable: Storage, ephemeral: EphemeralStore): Storage => createCachingStorage(durable, { capacity: 100, now: () => clock.now(), stamps: createOwnerStamps(ephemeral) });

async function sqliteAndMemory(): Promise<TwoNodes> {
  const dir = await mkdtemp(join(tmpdir(), 'sigil-two-nodes-'));
  const file = join(dir, 'sigil.db');
  const [first, second] = [createKyselyStorage({ kind: 'sqlite', file, exclusive: false }), createKyselyStorage({ kind: 'sqlite', file, exclusive: false })];
  await migrateToLatest(first);
  const ephemeral = createMemoryEphemeralStore({ clock, maxEntries: 1000 });
  return {
    a: node(first, ephemeral),
    b: node(second, ephemeral),
    async close() {
      await Promise.all([first.close(), second.close(), ephemeral.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresAndRedis(databaseUrl: string, redisUrl: string): Promise<TwoNodes> {
  const schema = `sigil_nodes_${randomBytes(6).toString('hex')}`;
  const [first, second] = [createKyselyStorage({ kind: 'postgres', url: databaseUrl, schema }), createKyselyStorage({ kind: 'postgres', url: databaseUrl, schema })];
  await sql`create schema ${sql.id(schema)}`.execute(first.db);
  await migrateToLatest(first);
  const [redisA, redisB] = [createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix: `${schema}:` }), createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix: `${schema}:` })];
  return {
    a: node(first, redisA),
    b: node(second, redisB),
    async close() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(first.db);
      await Promise.all([first.close(), second.close(), redisA.close(), redisB.close()]);
    },
  };
}

const { databaseUrl, redisUrl } = testServiceSettings();
const setups: [string, () => Promise<TwoNodes>][] = [['SQLite + memory store', sqliteAndMemory]];
if (databaseUrl !== null && redisUrl !== null) setups.push(['PostgreSQL + Redis', () => postgresAndRedis(databaseUrl, redisUrl)]);

for (const [name, open] of setups) {
  describe(`two nodes with login caches on ${name}`, () => {
    const fixtures = createFixtures(`two-nodes:${name}`);
    const tenant = fixtures.tenant();
    let nodes: TwoNodes;
    before(async () => {
      nodes = await open();
      await nodes.a.tenants.create(tenant);
    });
    after(() => nodes.close());

    /** A user with a passkey, created through node A and read (so cached) by both nodes. */
    async function cachedOnBoth(): Promise<{ username: string; passkey: PasskeyCredential }> {
      const user = fixtures.user(tenant.id);
      await nodes.a.users.create(user);
      const passkey = fixtures.credential(tenant.id, user.id);
      await nodes.a.credentials.create(passkey);
      for (const store of [nodes.a, nodes.b]) {
        assert.equal((await store.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential.status, 'active');
        assert.equal((await store.credentials.listByUsername(tenant.id, user.username, 'passkey'))?.credentials[0]?.status, 'active');
      }
      return { username: user.username, passkey };
    }

    // The login refuses a credential that is not active (credential_revoked), an owner that is not
    // active (user_disabled) and an unknown credential (credential_not_found); the options step
    // lists active passkeys of active users only. So what node B reads is what its login decides.
    it('a passkey revoked through node A reads as revoked on node B as soon as the call returns', async () => {
      const { username, passkey } = await cachedOnBoth();
      assert.equal(await nodes.a.credentials.setStatus(tenant.id, passkey.id, 'revoked', clock.now()), true);
      assert.equal((await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential.status, 'revoked');
      assert.equal((await nodes.b.credentials.listByUsername(tenant.id, username, 'passkey'))?.credentials[0]?.status, 'revoked');
    });

    it('a passkey deleted in a unit of work on node A is gone on node B', async () => {
      const { username, passkey } = await cachedOnBoth();
      await nodes.a.transaction((view) => view.credentials.delete(tenant.id, passkey.id));
      assert.equal(await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId), null);
      assert.deepEqual((await nodes.b.credentials.listByUsername(tenant.id, username, 'passkey'))?.credentials, []);
    });

    it('a user deleted with all they own through node A is gone on node B', async () => {
      const { username, passkey } = await cachedOnBoth();
      assert.equal(await nodes.a.transaction((view) => view.accounts.deleteUser(tenant.id, passkey.userId)), true);
      assert.equal(await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId), null);
      assert.equal(await nodes.b.credentials.listByUsername(tenant.id, username, 'passkey'), null);
    });

    it('a user disabled through node A reads as disabled on node B', async () => {
      const { username, passkey } = await cachedOnBoth();
      await nodes.a.users.update(tenant.id, passkey.userId, { status: 'disabled', updatedAt: clock.now() });
      assert.equal((await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId))?.owner.status, 'disabled');
      assert.equal((await nodes.b.credentials.listByUsername(tenant.id, username, 'passkey'))?.user.status, 'disabled');
    });

    it("a login on node A moves the counter node B compares against, and B's own login then wins", async () => {
      const { passkey } = await cachedOnBoth();
      const patch = (signCount: number) => ({ signCount, backupEligible: false, backupState: false, lastUsedAt: clock.now() });
      assert.equal(await nodes.a.transaction((view) => view.credentials.recordUse(tenant.id, passkey.id, 0, patch(4))), true);
      const onB = await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId);
      assert.equal((onB?.credential as PasskeyCredential).signCount, 4);
      assert.equal(await nodes.b.transaction((view) => view.credentials.recordUse(tenant.id, passkey.id, 4, patch(5))), true);
      assert.equal(((await nodes.a.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount, 5);
      assert.equal(((await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount, 5);
    });

    it('the same with the audited use a login makes (recordUseAudited), and one expecting the old counter loses and changes nothing', async () => {
      const { passkey } = await cachedOnBoth();
      const patch = (signCount: number) => ({ signCount, backupEligible: false, backupState: false, lastUsedAt: clock.now() });
      const event = () => fixtures.auditEvent(tenant.id, { action: 'passkey.authenticated' });
      assert.equal(await nodes.a.credentials.recordUseAudited(tenant.id, passkey.id, 0, patch(4), event()), true);
      assert.equal(await nodes.b.credentials.recordUseAudited(tenant.id, passkey.id, 0, patch(9), event()), false);
      assert.equal(((await nodes.b.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount, 4);
      assert.equal(await nodes.b.credentials.recordUseAudited(tenant.id, passkey.id, 4, patch(5), event()), true);
      assert.equal(((await nodes.a.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount, 5);
    });
  });
}
