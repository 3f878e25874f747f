import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PasskeyCredential } from '../../core/credential.ts';
import type { Storage } from '../../core/ports.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createFixtures } from '../contract/fixtures.ts';
import { createKyselyStorage, type KyselyStorage } from '../kysely/create-kysely-storage.ts';
import { migrateToLatest } from '../kysely/migrate.ts';
import { createCachingStorage } from './create-caching-storage.ts';
import { CACHE_MAX_AGE_MS } from './owner-stamps.ts';

const fixtures = createFixtures('caching-storage');
const use = (signCount: number) => ({ signCount, backupEligible: false, backupState: false, lastUsedAt: 1_800_000_000_000 + signCount });

describe('caching decorator of the storage port (one node)', () => {
  let dir: string;
  let durable: KyselyStorage;
  let store: Storage;
  const clock = new FixedClock();
  const tenant = fixtures.tenant();
  const databaseReads = { withOwner: 0, byUsername: 0 };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigil-caching-'));
    durable = createKyselyStorage({ kind: 'sqlite', file: join(dir, 'sigil.db') });
    await migrateToLatest(durable);
    // Counts the reads that reach the database.
    const { getWithOwner, listByUsername } = durable.credentials;
    durable.credentials.getWithOwner = (...args) => (databaseReads.withOwner++, getWithOwner(...args));
    durable.credentials.listByUsername = (...args) => (databaseReads.byUsername++, listByUsername(...args));
    store = createCachingStorage(durable, { capacity: 2, now: () => clock.now(), stamps: null });
    await store.tenants.create(tenant);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function userWithPasskey(): Promise<{ userId: string; username: string; passkey: PasskeyCredential }> {
    const user = fixtures.user(tenant.id);
    await store.users.create(user);
    const passkey = fixtures.credential(tenant.id, user.id);
    await store.credentials.create(passkey);
    return { userId: user.id, username: user.username, passkey };
  }

  /** How many reads of each kind reached the database while `work` ran. */
  async function readsDuring(work: () => Promise<unknown>): Promise<{ withOwner: number; byUsername: number }> {
    const start = { ...databaseReads };
    await work();
    return { withOwner: databaseReads.withOwner - start.withOwner, byUsername: databaseReads.byUsername - start.byUsername };
  }

  it('answers a repeated read from memory, with the same credential and owner', async () => {
    const { username, passkey } = await userWithPasskey();
    const first = await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    const firstList = await store.credentials.listByUsername(tenant.id, username, 'passkey');
    let again: typeof first = null;
    let againList: typeof firstList = null;
    assert.deepEqual(await readsDuring(async () => {
      again = await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
      againList = await store.credentials.listByUsername(tenant.id, username, 'passkey');
    }), { withOwner: 0, byUsername: 0 });
    assert.deepEqual(again, first);
    assert.deepEqual(againList, firstList);
    assert.deepEqual(first?.credential, passkey);
  });

  it("answers the result step's read from the options step's list: one database read per cold login", async () => {
    const { userId, username, passkey } = await userWithPasskey();
    await store.credentials.create(fixtures.credential(tenant.id, userId));
    let listed: Awaited<ReturnType<Storage['credentials']['listByUsername']>> = null;
    let found: Awaited<ReturnType<Storage['credentials']['getWithOwner']>> = null;
    assert.deepEqual(await readsDuring(async () => {
      listed = await store.credentials.listByUsername(tenant.id, username, 'passkey');
      found = await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    }), { withOwner: 0, byUsername: 1 });
    assert.deepEqual(found, await durable.credentials.getWithOwner(tenant.id, passkey.credentialId));
    assert.equal((listed as { credentials: unknown[] } | null)?.credentials.length, 2);
    // The copy answers with the counter a login moved, as a read of the database would.
    assert.equal(await store.credentials.recordUseAudited(tenant.id, passkey.id, passkey.signCount, use(passkey.signCount + 7), fixtures.auditEvent(tenant.id)), true);
    assert.deepEqual(await readsDuring(async () => {
      found = await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    }), { withOwner: 0, byUsername: 0 });
    assert.equal((found as { credential: PasskeyCredential } | null)?.credential.signCount, passkey.signCount + 7);
    assert.deepEqual(found, await durable.credentials.getWithOwner(tenant.id, passkey.credentialId));
  });

  it('moves a cached counter in place when a login wins the compare-and-set in a unit of work', async () => {
    const { passkey } = await userWithPasskey();
    await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    assert.equal(await store.transaction((view) => view.credentials.recordUse(tenant.id, passkey.id, 0, use(7))), true);
    let found: Awaited<ReturnType<Storage['credentials']['getWithOwner']>> = null;
    assert.deepEqual(await readsDuring(async () => (found = await store.credentials.getWithOwner(tenant.id, passkey.credentialId))), { withOwner: 0, byUsername: 0 });
    assert.equal((found as unknown as { credential: PasskeyCredential }).credential.signCount, 7);
    assert.equal(((await durable.credentials.getById(tenant.id, passkey.id)) as PasskeyCredential).signCount, 7);
  });

  it('drops the copy when a compare-and-set is lost, and when a unit of work with a use rolls back', async () => {
    const { passkey } = await userWithPasskey();
    await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    assert.equal(await store.credentials.recordUse(tenant.id, passkey.id, 5, use(9)), false);
    assert.deepEqual(await readsDuring(() => store.credentials.getWithOwner(tenant.id, passkey.credentialId)), { withOwner: 1, byUsername: 0 });
    await assert.rejects(
      store.transaction(async (view) => {
        await view.credentials.recordUse(tenant.id, passkey.id, 0, use(3));
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const found = await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    assert.equal((found?.credential as PasskeyCredential).signCount, 0);
  });

  it('moves the cached counter when recordUseAudited wins, and drops the copy when it fails (nothing stored)', async () => {
    const { passkey } = await userWithPasskey();
    await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    const event = fixtures.auditEvent(tenant.id);
    assert.equal(await store.credentials.recordUseAudited(tenant.id, passkey.id, 0, use(4), event), true);
    assert.deepEqual(await readsDuring(() => store.credentials.getWithOwner(tenant.id, passkey.credentialId)), { withOwner: 0, byUsername: 0 });
    assert.equal(((await store.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential as PasskeyCredential).signCount, 4);
    // The same audit event again: the row cannot be written, so the call fails and the counter stays.
    await assert.rejects(store.credentials.recordUseAudited(tenant.id, passkey.id, 4, use(5), event));
    let found: Awaited<ReturnType<Storage['credentials']['getWithOwner']>> = null;
    assert.deepEqual(await readsDuring(async () => (found = await store.credentials.getWithOwner(tenant.id, passkey.credentialId))), { withOwner: 1, byUsername: 0 });
    assert.equal((found as unknown as { credential: PasskeyCredential }).credential.signCount, 4);
  });

  for (const [write, apply, expected] of [
    ['setStatus', (s: Storage, t: string, c: PasskeyCredential) => s.credentials.setStatus(t, c.id, 'revoked', 1_800_000_000_000), (f: { credential: { status: string } } | null) => f?.credential.status === 'revoked'],
    ['rename', (s: Storage, t: string, c: PasskeyCredential) => s.credentials.rename(t, c.id, 'laptop'), (f: { credential: { name: string | null } } | null) => f?.credential.name === 'laptop'],
    ['delete', (s: Storage, t: string, c: PasskeyCredential) => s.credentials.delete(t, c.id), (f: unknown) => f === null],
    ['users.update', (s: Storage, t: string, c: PasskeyCredential) => s.users.update(t, c.userId, { status: 'disabled', updatedAt: 1_800_000_000_000 }), (f: { owner: { status: string } } | null) => f?.owner.status === 'disabled'],
    ['accounts.deleteCredentials', (s: Storage, t: string, c: PasskeyCredential) => s.accounts.deleteCredentials(t, c.userId, 'passkey'), (f: unknown) => f === null],
    ['accounts.deleteUser', (s: Storage, t: string, c: PasskeyCredential) => s.accounts.deleteUser(t, c.userId), (f: unknown) => f === null],
    ['users.delete', (s: Storage, t: string, c: PasskeyCredential) => s.users.delete(t, c.userId), (f: unknown) => f === null],
  ] as const) {
    it(`shows the change of ${write} at the next read, direct or in a unit of work`, async () => {
      for (const inUnit of [false, true]) {
        const { passkey } = await userWithPasskey();
        await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
        const change = apply as (s: Storage, t: string, c: PasskeyCredential) => Promise<unknown>;
        await (inUnit ? store.transaction((view) => change(view, tenant.id, passkey)) : change(store, tenant.id, passkey));
        assert.equal((expected as (f: unknown) => boolean)(await store.credentials.getWithOwner(tenant.id, passkey.credentialId)), true, `${write}, in a unit: ${inUnit}`);
      }
    });
  }

  it("lists a user's new passkey at the next read by username", async () => {
    const { userId, username } = await userWithPasskey();
    assert.equal((await store.credentials.listByUsername(tenant.id, username, 'passkey'))?.credentials.length, 1);
    await store.credentials.create(fixtures.credential(tenant.id, userId));
    assert.equal((await store.credentials.listByUsername(tenant.id, username, 'passkey'))?.credentials.length, 2);
  });

  it('holds at most `capacity` users, the least recently used going first, and no copy older than the maximum age', async () => {
    const [a, b, c] = [await userWithPasskey(), await userWithPasskey(), await userWithPasskey()];
    for (const { passkey } of [a, b, c]) await store.credentials.getWithOwner(tenant.id, passkey.credentialId);
    assert.deepEqual(await readsDuring(() => store.credentials.getWithOwner(tenant.id, c.passkey.credentialId)), { withOwner: 0, byUsername: 0 });
    assert.deepEqual(await readsDuring(() => store.credentials.getWithOwner(tenant.id, a.passkey.credentialId)), { withOwner: 1, byUsername: 0 });
    clock.advance(CACHE_MAX_AGE_MS);
    assert.deepEqual(await readsDuring(() => store.credentials.getWithOwner(tenant.id, a.passkey.credentialId)), { withOwner: 1, byUsername: 0 });
  });

  it('does not keep an absent credential or username (a later sign-up is seen)', async () => {
    const user = fixtures.user(tenant.id);
    const passkey = fixtures.credential(tenant.id, user.id);
    assert.equal(await store.credentials.getWithOwner(tenant.id, passkey.credentialId), null);
    assert.equal(await store.credentials.listByUsername(tenant.id, user.username, 'passkey'), null);
    await store.users.create(user);
    await store.credentials.create(passkey);
    assert.deepEqual((await store.credentials.getWithOwner(tenant.id, passkey.credentialId))?.credential, passkey);
    assert.deepEqual((await store.credentials.listByUsername(tenant.id, user.username, 'passkey'))?.credentials, [passkey]);
  });
});
