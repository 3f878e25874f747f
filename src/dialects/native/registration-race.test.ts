import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../http/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { testEngines } from '../../testing/test-engines.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';

for (const engine of testEngines()) {
  describe(`concurrent passkey registrations on ${engine.name}`, () => {
    let s: TestServices;
    let app: FastifyInstance;
    let drop: () => Promise<void>;
    before(async () => {
      const prepared = await engine.prepare();
      drop = prepared.drop;
      s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, ...prepared.env } });
      app = await buildApp(s);
    });
    after(async () => {
      await app.close();
      await s.dispose();
      await drop();
    });

    const post = async (url: string, body: unknown) => {
      const res = await app.inject({ method: 'POST', url, payload: body as object });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    const optionsFor = async (username: string) => {
      const res = await post('/attestation/options', { username, attestation: 'none' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const answer = (options: Record<string, unknown>, authenticator: SoftwareAuthenticator) =>
      post('/attestation/result', { ...authenticator.register({ challenge: options.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: options.session });
    const tenantId = () => s.core.tenants.defaultTenant().id;

    it('12 registrations of one authenticator under 12 new usernames: one succeeds, no user is left without a credential', async () => {
      const authenticator = new SoftwareAuthenticator({ seed: `race-${engine.name}` });
      const usernames = Array.from({ length: 12 }, (_, i) => `racer-${i}`);
      const options = await Promise.all(usernames.map(optionsFor));
      const results = await Promise.all(options.map((o) => answer(o, authenticator)));
      assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array<number>(11).fill(409)]);
      for (const r of results.filter((r) => r.status === 409)) assert.equal(r.body.errorMessage, 'The credential is already registered.');
      const winner = usernames[results.findIndex((r) => r.status === 200)] as string;
      for (const username of usernames) {
        const user = await s.core.storage.users.getByUsername(tenantId(), username);
        if (username !== winner) {
          assert.equal(user, null, `no orphan user ${username}`);
          continue;
        }
        assert.ok(user);
        assert.equal((await s.core.storage.credentials.listByUser(tenantId(), user.id)).length, 1);
      }
      // A loser's username is still free: it registers with another authenticator.
      const loser = usernames.find((u) => u !== winner) as string;
      const retry = await answer(await optionsFor(loser), new SoftwareAuthenticator({ seed: `retry-${engine.name}` }));
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
    });

    it('12 registrations of one new username with 12 authenticators: one succeeds, one user with one credential', async () => {
      const options = await Promise.all(Array.from({ length: 12 }, () => optionsFor('contested')));
      const authenticators = options.map((_, i) => new SoftwareAuthenticator({ seed: `contested-${engine.name}-${i}` }));
      const results = await Promise.all(options.map((o, i) => answer(o, authenticators[i] as SoftwareAuthenticator)));
      assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array<number>(11).fill(409)]);
      for (const r of results.filter((r) => r.status === 409)) assert.equal(r.body.errorMessage, 'The username is already registered.');
      const user = await s.core.storage.users.getByUsername(tenantId(), 'contested');
      assert.ok(user);
      assert.equal(user.id, results.find((r) => r.status === 200)?.body.userId);
      const credentials = await s.core.storage.credentials.listByUser(tenantId(), user.id);
      const won = authenticators[results.findIndex((r) => r.status === 200)] as SoftwareAuthenticator;
      assert.deepEqual(credentials.map((c) => Buffer.from(c.credentialId).toString('base64url')), [Buffer.from(won.credentialId).toString('base64url')]);
      // No credential of a losing authenticator was stored under any user.
      for (const a of authenticators.filter((x) => x !== won)) assert.equal(await s.core.storage.credentials.getByCredentialId(tenantId(), a.credentialId), null);
    });
  });
}
