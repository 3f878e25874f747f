import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testServiceSettings } from '../../config/test-services.ts';
import { movePasskeyCounter } from '../../core/ceremonies/move-passkey-counter.ts';
import type { PasskeyCredential } from '../../core/credential.ts';
import { DomainError } from '../../core/errors.ts';
import { judgeAgainstStored } from '../../core/passkeys/verify-assertion.ts';
import type { EphemeralStore, Storage } from '../../core/ports.ts';
import { createMemoryEphemeralStore } from '../../ephemeral/memory.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createFixtures } from '../contract/fixtures.ts';
import { createKyselyStorage } from '../kysely/create-kysely-storage.ts';
import { migrateToLatest } from '../kysely/migrate.ts';
import { createCachingStorage } from './create-caching-storage.ts';
import { createOwnerStamps, type OwnerStamps } from './owner-stamps.ts';

/** Two nodes: each its own connection to one database and to one shared ephemeral store. */
interface TwoNodes {
  readonly a: Storage;
  readonly b: Storage;
  /** The stamps both nodes check their copies against. */
  readonly stamps: OwnerStamps;
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
    stamps: createOwnerStamps(ephemeral),
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
    stamps: createOwnerStamps(redisA),
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

    const patch = (signCount: number) => ({ signCount, backupEligible: false, backupState: false, lastUsedAt: clock.now() });
    const signCountOn = async (store: Storage, passkey: PasskeyCredential) => ((await store.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount;

    it("a counter move on node A moves no stamp: node B's copy keeps the old counter until its compare-and-set with it is lost, which drops the copy", async () => {
      const { passkey } = await cachedOnBoth();
      const stamp = await nodes.stamps.read(tenant.id, passkey.userId);
      assert.equal(await nodes.a.transaction((view) => view.credentials.recordUse(tenant.id, passkey.id, 0, patch(4))), true);
      assert.deepEqual(await nodes.stamps.read(tenant.id, passkey.userId), stamp, 'no stamp moved');
      assert.equal(await signCountOn(nodes.a, passkey), 4, "A's own copy moved in place");
      assert.equal(await signCountOn(nodes.b, passkey), 0, "B's copy is not told");
      assert.equal(await nodes.b.transaction((view) => view.credentials.recordUse(tenant.id, passkey.id, 0, patch(9))), false, 'B loses with the counter it holds');
      assert.equal(await signCountOn(nodes.b, passkey), 4, 'and reads afresh after: its copy was dropped, the lost write changed nothing');
      assert.equal(await nodes.b.credentials.recordUseAudited(tenant.id, passkey.id, 4, patch(5), fixtures.auditEvent(tenant.id, { action: 'passkey.authenticated' })), true);
      assert.equal(await signCountOn(nodes.b, passkey), 5);
      assert.deepEqual(await nodes.stamps.read(tenant.id, passkey.userId), stamp);
    });

    /** A login's counter move as the core makes it (the assertion already verified against `read`). */
    async function loginWith(store: Storage, credentialId: Uint8Array, newSignCount: number): Promise<{ readCount: number }> {
      const read = (await store.credentials.getWithOwner(tenant.id, credentialId))?.credential as PasskeyCredential;
      const observed = { newSignCount, userVerified: true, backupEligible: false, backupState: false, userHandle: null };
      const result = judgeAgainstStored(observed, read);
      const event = fixtures.auditEvent(tenant.id, { action: 'passkey.authenticated' });
      await movePasskeyCounter(store, { tenantId: tenant.id, credential: read, result, at: clock.now(), write: (expected, use) => store.credentials.recordUseAudited(tenant.id, read.id, expected, use, event) });
      return { readCount: read.signCount };
    }

    it('two nodes alternate logins with one passkey: none refused, no stamp moved; a replayed counter is still refused', async () => {
      const { passkey } = await cachedOnBoth();
      const stamp = await nodes.stamps.read(tenant.id, passkey.userId);
      for (let count = 1; count <= 6; count++) {
        const { readCount } = await loginWith(count % 2 === 1 ? nodes.a : nodes.b, passkey.credentialId, count);
        // From the second login on, each node read the counter of its own last login: a copy one
        // login behind, whose lost compare-and-set was judged again against a fresh read.
        assert.equal(readCount, Math.max(0, count - 2));
      }
      assert.deepEqual(await nodes.stamps.read(tenant.id, passkey.userId), stamp, 'no stamp moved');
      // A clone of the authenticator replays the last counter on the node whose copy is behind.
      await assert.rejects(loginWith(nodes.a, passkey.credentialId, 6), (error) => error instanceof DomainError && error.code === 'sign_count_regressed');
      assert.equal(await signCountOn(nodes.a, passkey), 6);
      assert.equal(await signCountOn(nodes.b, passkey), 6);
    });

    it("a passkey revoked on node B between node A's read and its compare-and-set is refused on A as revoked", async () => {
      const { passkey } = await cachedOnBoth();
      const read = (await nodes.a.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential;
      assert.equal(await nodes.b.credentials.setStatus(tenant.id, passkey.id, 'revoked', clock.now()), true);
      const result = judgeAgainstStored({ newSignCount: 1, userVerified: true, backupEligible: false, backupState: false, userHandle: null }, read);
      const moving = movePasskeyCounter(nodes.a, { tenantId: tenant.id, credential: read, result, at: clock.now(), write: (expected, use) => nodes.a.credentials.recordUse(tenant.id, read.id, expected, use) });
      await assert.rejects(moving, (error) => error instanceof DomainError && error.code === 'credential_revoked');
      assert.equal(await signCountOn(nodes.a, passkey), 0);
    });
  });
}
