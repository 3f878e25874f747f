import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../testing/test-engines.ts';
import { TEST_ADMIN_KEY } from '../../testing/test-services.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const MANAGED = { 'x-api-key': TEST_ADMIN_KEY };

for (const engine of testEngines()) {
  describe(`concurrent BioKey sign-ups on ${engine.name}`, () => {
    let h: BioKeyHarness;
    let drop: () => Promise<void>;
    before(async () => {
      const prepared = await engine.prepare();
      drop = prepared.drop;
      h = await startBioKeyHarness(prepared.env);
    });
    after(async () => {
      await h.close();
      await drop();
    });

    const tenantId = () => h.s.core.tenants.defaultTenant().id;
    const enroll = (userId: string, hex: string, headers: Record<string, string> = {}) => h.call('POST', '/enroll', { userId, publicKey: hex, deviceId: 'device-1' }, headers);
    const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();

    // With the management key a new userId is signed up at /enroll, in the enrollment's unit of work.
    it('12 enrollments of one key under 12 new usernames: one succeeds, no user is left without the key', async () => {
      const key = nodeEd25519();
      const usernames = Array.from({ length: 12 }, (_, i) => `signup-${i}`);
      const replies = await Promise.all(usernames.map((u) => enroll(u, key.hex, MANAGED)));
      assert.deepEqual(statuses(replies), [200, ...Array<number>(11).fill(409)]);
      for (const r of replies.filter((r) => r.status === 409)) assert.deepEqual(r.body, { error: 'Already enrolled' });
      await assertOnlyWinnerExists(usernames, replies);
    });

    it('12 enrollments of different keys under one new username: one user with one active key', async () => {
      const keys = Array.from({ length: 12 }, () => nodeEd25519());
      const replies = await Promise.all(keys.map((k) => enroll('contested', k.hex, MANAGED)));
      // The key vouches for each; replacements of one device that collide are refused, never doubled.
      assert.equal(statuses(replies)[0], 200);
      for (const r of replies.filter((r) => r.status !== 200)) assert.deepEqual(r, { status: 409, body: { error: 'Already enrolled' } });
      await assertOneBioKeyDevice('contested');
    });

    // Without it, each is held; its confirmation at the first /verify (account, records, audit) is one unit of work.
    it('12 provisional enrollments of one key under 12 names, confirmed at once: one account, with the key', async () => {
      const key = nodeEd25519();
      const usernames = Array.from({ length: 12 }, (_, i) => `held-${i}`);
      assert.deepEqual(statuses(await Promise.all(usernames.map((u) => enroll(u, key.hex)))), Array<number>(12).fill(200));
      const replies = await Promise.all(usernames.map((u) => h.verify(u, key)));
      assert.deepEqual(statuses(replies), [200, ...Array<number>(11).fill(409)]);
      for (const r of replies.filter((r) => r.status === 409)) assert.deepEqual(r.body, { error: 'Already enrolled' });
      await assertOnlyWinnerExists(usernames, replies);
    });

    it('4 provisional enrollments of one name with different keys, each key proving at once: one account with one key', async () => {
      const keys = Array.from({ length: 4 }, () => nodeEd25519());
      assert.deepEqual(statuses(await Promise.all(keys.map((k) => enroll('held-contested', k.hex)))), [200, 200, 200, 200]);
      const replies = await Promise.all(keys.map((k) => h.verify('held-contested', k)));
      assert.deepEqual(statuses(replies), [200, 401, 401, 401]);
      await assertOneBioKeyDevice('held-contested');
    });

    async function assertOnlyWinnerExists(usernames: string[], replies: { status: number }[]): Promise<void> {
      const winner = usernames[replies.findIndex((r) => r.status === 200)];
      for (const username of usernames) {
        const user = await h.s.core.storage.users.getByUsername(tenantId(), username);
        assert.equal(user !== null, username === winner, `${username}: only the winner exists`);
        if (user !== null) assert.equal((await h.s.core.storage.credentials.listByUser(tenantId(), user.id)).length, 1, 'with its key');
      }
    }

    async function assertOneBioKeyDevice(username: string): Promise<void> {
      const user = await h.s.core.storage.users.getByUsername(tenantId(), username);
      assert.ok(user);
      const credentials = (await h.s.core.storage.credentials.listByUser(tenantId(), user.id)).filter((c) => c.status === 'active');
      assert.deepEqual(credentials.map((c) => [c.kind, c.enrolledVia, c.status]), [['device_key', 'biokey', 'active']]);
    }
  });
}
