import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../testing/test-engines.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

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
    const enroll = (userId: string, hex: string) => h.call('POST', '/enroll', { userId, publicKey: hex, deviceId: 'device-1' });
    const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();

    it('12 enrollments of one key under 12 new usernames: one succeeds, no user is left without the key', async () => {
      const key = nodeEd25519();
      const usernames = Array.from({ length: 12 }, (_, i) => `signup-${i}`);
      const replies = await Promise.all(usernames.map((u) => enroll(u, key.hex)));
      assert.deepEqual(statuses(replies), [200, ...Array<number>(11).fill(409)]);
      for (const r of replies.filter((r) => r.status === 409)) assert.deepEqual(r.body, { error: 'Already enrolled' });
      const winner = usernames[replies.findIndex((r) => r.status === 200)];
      for (const username of usernames) {
        const user = await h.s.core.storage.users.getByUsername(tenantId(), username);
        assert.equal(user !== null, username === winner, `${username}: only the winner exists`);
      }
    });

    it('12 enrollments of different keys under one new username: one user with one key', async () => {
      const keys = Array.from({ length: 12 }, () => nodeEd25519());
      const replies = await Promise.all(keys.map((k) => enroll('contested', k.hex)));
      assert.deepEqual(statuses(replies), [200, ...Array<number>(11).fill(409)]);
      const user = await h.s.core.storage.users.getByUsername(tenantId(), 'contested');
      assert.ok(user);
      const credentials = await h.s.core.storage.credentials.listByUser(tenantId(), user.id);
      assert.deepEqual(credentials.map((c) => [c.kind, c.enrolledVia, c.status]), [['device_key', 'biokey', 'active']]);
    });
  });
}
