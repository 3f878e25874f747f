import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { testEngines } from '../../testing/test-engines.ts';
import { MGMT, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

for (const engine of testEngines()) {
  describe(`LoginID units of work on ${engine.name}`, () => {
    let h: LoginIdHarness;
    let drop: () => Promise<void>;
    before(async () => {
      const prepared = await engine.prepare();
      drop = prepared.drop;
      h = await startLoginIdHarness(prepared.env);
    });
    after(async () => {
      await h.close();
      await drop();
    });
    const tenantId = () => h.s.core.tenants.defaultTenant().id;

    it('8 concurrent grants for one new username open one account, and every token is its', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['reg:write'], username: 'opened-once' }, MGMT)));
      assert.deepEqual(results.map((r) => r.status), Array<number>(8).fill(200));
      const user = await h.s.core.storage.users.getByUsername(tenantId(), 'opened-once');
      assert.ok(user);
      for (const r of results) {
        const claims = JSON.parse(Buffer.from((r.body.token as string).split('.')[1] as string, 'base64url').toString()) as { sub: string };
        assert.equal(claims.sub, user.id);
      }
      const created = (await h.s.core.storage.audit.list(tenantId(), { limit: 100 })).filter((e) => e.action === 'user.created' && e.subject === `user:${user.id}`);
      assert.equal(created.length, 1);
    });

    it('reg/complete stores the passkey, enrolled via loginid, with its device', async () => {
      const reg = await h.register('with-device', new SoftwareAuthenticator({ seed: `device-${engine.name}` }), { passkeyName: 'Laptop' });
      assert.equal(reg.status, 200, reg.text);
      const passkey = await h.s.core.storage.credentials.getById(tenantId(), reg.body.passkeyId as string);
      assert.equal(passkey?.kind, 'passkey');
      assert.deepEqual(passkey && [passkey.enrolledVia, passkey.name, passkey.userId], ['loginid', 'Laptop', reg.body.userId]);
      const device = await h.s.core.storage.clientDevices.get(tenantId(), reg.body.deviceId as string);
      assert.equal(device?.userId, reg.body.userId);
    });

    it('two concurrent profile deletions: one 204, one 404, nothing of the user left', async () => {
      const reg = await h.register('deleted-twice', new SoftwareAuthenticator({ seed: `deleted-${engine.name}` }));
      const userId = reg.body.userId as string;
      const results = await Promise.all([h.call('DELETE', `/fido2/v2/profile/${userId}`, undefined, MGMT), h.call('DELETE', `/fido2/v2/profile/${userId}`, undefined, MGMT)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [204, 404]);
      assert.equal(await h.s.core.storage.users.getById(tenantId(), userId), null);
      assert.deepEqual(await h.s.core.storage.credentials.listByUser(tenantId(), userId), []);
      assert.deepEqual(await h.s.core.storage.clientDevices.listByUser(tenantId(), userId), []);
    });
  });
}
