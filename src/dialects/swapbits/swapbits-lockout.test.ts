import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { issueAccessToken } from '../../core/tokens/issue-access-token.ts';
import { createUser } from '../../core/users/create-user.ts';
import { buildApp } from '../../http/app.ts';
import { deleteRedisKeys } from '../../testing/delete-redis-keys.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import { nodeP256, type P256Device } from './swapbits-harness.ts';
import { testServiceSettings } from '../../config/test-services.ts';

const redisUrl = testServiceSettings().redisUrl ?? '';
const servicesRequired = testServiceSettings().required;

/** One or more Sigil nodes over one database and one ephemeral store (memory: one node only). */
interface Cluster {
  readonly clock: FixedClock;
  readonly nodes: readonly FastifyInstance[];
  readonly first: TestServices;
  close(): Promise<void>;
}

async function startCluster(count: number, redisPrefix: string | null): Promise<Cluster> {
  const clock = new FixedClock();
  const dataDir = mkdtempSync(join(tmpdir(), 'sigil-swapbits-cluster-'));
  // Nodes share one SQLite file here for convenience (in production they share PostgreSQL), so
  // none may hold it exclusively.
  const env: Record<string, string> = { DATA_DIR: dataDir, DIALECTS: 'native,swapbits', RATE_LIMIT_ENABLED: 'false', SQLITE_EXCLUSIVE_LOCK: 'false', ...(redisPrefix === null ? {} : { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix }) };
  const services: TestServices[] = [];
  for (let i = 0; i < count; i++) services.push(await createTestServices({ env, clock }));
  const nodes = await Promise.all(services.map((s) => buildApp(s)));
  return {
    clock, nodes, first: services[0] as TestServices,
    async close() {
      for (const app of nodes) await app.close();
      for (const s of services) await s.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function runLockout(name: string, start: () => Promise<Cluster>): void {
  describe(`SwapBits lockout (${name})`, () => {
    let c: Cluster;
    let token: () => Promise<string>;
    const device = nodeP256();
    const deviceId = randomUUID();
    const otherDevice = nodeP256();
    const otherId = randomUUID();
    before(async () => {
      c = await start();
      const tenant = c.first.core.tenants.defaultTenant();
      const user = await createUser(c.first.core, { requestId: null, ip: null, actor: 'test', logger: c.first.logger }, tenant, { username: `lock-${name}` });
      // Minted per request: the clock moves past an access token's 15 minutes here.
      token = async () => (await issueAccessToken(c.first.core, tenant, { userId: user.id, amr: ['passkey'] })).token;
      for (const [id, key] of [[deviceId, device], [otherId, otherDevice]] as const) {
        const res = await (c.nodes[0] as FastifyInstance).inject({ method: 'POST', url: '/auth/biometry/register', headers: { authorization: `Bearer ${await token()}` }, payload: { deviceId: id, deviceName: 'd', platform: 'iOS', publicKey: key.keyText('x963-base64'), algorithm: 'P-256' } });
        assert.equal(res.statusCode, 200);
      }
    });
    after(() => c.close());

    /** Challenge on one node, answer on the next: every step may land anywhere. */
    const attempt = async (i: number, id: string, key: P256Device, from = '127.0.0.1') => {
      const [a, b] = [c.nodes[i % c.nodes.length] as FastifyInstance, c.nodes[(i + 1) % c.nodes.length] as FastifyInstance];
      const headers = { authorization: `Bearer ${await token()}` };
      const chRes = await a.inject({ method: 'GET', url: `/auth/biometry/challenge?deviceId=${id}`, headers });
      const ch = chRes.json() as { data: { challengeId: string; challenge: string } };
      if (ch.data === undefined) throw new Error(chRes.body);
      const payload = { verificationType: 'BIOMETRY', deviceId: id, ...ch.data, signature: key.sign(Buffer.from(ch.data.challenge, 'base64')), algorithm: 'P-256' };
      const res = await b.inject({ method: 'POST', url: '/auth/pin/verify', headers, payload, remoteAddress: from });
      return { status: res.statusCode, body: res.json() as { code: number; details?: unknown }, retryAfter: res.headers['retry-after'] };
    };

    it('refuses a device after 5 failed verifications for 15 minutes, counted across nodes', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await attempt(i, deviceId, otherDevice)).body.code, 4007);
      const locked = await attempt(5, deviceId, device);
      assert.deepEqual(locked, {
        status: 429,
        body: { code: 4030, message: 'Biometric verification blocked. Try again in 15 minutes.', details: { blockedUntil: '2026-11-23T12:15:00.000Z', remainingMinutes: 15 } },
        retryAfter: '900',
      });
      assert.equal((await attempt(6, otherId, otherDevice)).body.code, 1016, 'another device of the user is not locked');
      c.clock.advance(15 * 60_000 - 60_000);
      assert.deepEqual((await attempt(7, deviceId, device)).body.details, { blockedUntil: '2026-11-23T12:15:00.000Z', remainingMinutes: 1 });
      c.clock.advance(60_000);
      assert.equal((await attempt(8, deviceId, device)).body.code, 1016);
    });

    it('locks the client that fails, not the device: failures from another address leave the owner able to verify', async () => {
      c.clock.advance(15 * 60_000);
      for (let i = 0; i < 5; i++) assert.equal((await attempt(i, deviceId, otherDevice, '203.0.113.66')).body.code, 4007);
      assert.equal((await attempt(5, deviceId, device, '203.0.113.66')).status, 429);
      assert.equal((await attempt(6, deviceId, device)).body.code, 1016, 'the owner, elsewhere, is heard');
      assert.equal((await attempt(7, deviceId, device, '203.0.113.66')).status, 429, "the owner's success does not clear the attacker's lock");
    });

    it('counts consecutive failures only: a success clears them', async () => {
      for (let i = 0; i < 4; i++) await attempt(i, deviceId, otherDevice);
      assert.equal((await attempt(4, deviceId, device)).body.code, 1016);
      for (let i = 0; i < 4; i++) await attempt(i, deviceId, otherDevice);
      assert.equal((await attempt(5, deviceId, device)).body.code, 1016);
    });
  });
}

runLockout('memory', () => startCluster(1, null));

if (redisUrl !== '') {
  const prefix = `sigil-test:${randomUUID()}:`;
  runLockout('redis, two nodes', () => startCluster(2, prefix));
  after(() => deleteRedisKeys(redisUrl, prefix));
} else if (servicesRequired) {
  it('SwapBits lockout on redis has a server to run against', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set'));
} else {
  describe('SwapBits lockout (redis, two nodes)', { skip: 'TEST_REDIS_URL not set' }, () => {});
}
