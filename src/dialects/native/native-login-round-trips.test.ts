import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testServiceSettings } from '../../config/test-services.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { buildApp } from '../../http/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { countEphemeralCalls, type CountingEphemeralStore } from '../../testing/counting-ephemeral-store.ts';
import { deleteRedisKeys } from '../../testing/delete-redis-keys.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';
const { redisUrl, required } = testServiceSettings();

/** What a key is for, so the expected trips read as a protocol and not as random ids. */
const roleOf = (key: string): string => (key.startsWith('challenge:') ? 'challenge' : key.startsWith('owner-stamp:') ? 'stamp' : key.includes(':acct:') ? 'account' : key.includes(':ip:') ? 'ip' : key);

// The Redis commands a native passkey login costs on a node of several (REDIS_URL: login-cache
// stamps on), in the round trips they take: a call in round n waited for an answer of round n-1.
// Exact counts, no timing: a regression test for the login's hot path on PostgreSQL + Redis
// (the database's engine changes nothing here, so SQLite stands in for it).
if (redisUrl === null) {
  if (required) it('native login round trips: Redis is configured', () => assert.fail('TEST_REDIS_URL must be set when TEST_REQUIRE_SERVICES=1'));
  else describe('native login round trips', { skip: 'TEST_REDIS_URL not set' }, () => {});
} else {
  describe('native login round trips on Redis', () => {
    const prefix = `sigil-test:round-trips:${randomUUID()}:`;
    const clock = new FixedClock();
    const redis = createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix: prefix });
    const counted: CountingEphemeralStore = countEphemeralCalls(redis);
    let s: TestServices;
    let app: FastifyInstance;
    before(async () => {
      s = await createTestServices({ clock, ephemeral: counted, env: { RP_ID, ORIGINS: ORIGIN, RP_NAME: 'Example', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix } });
      app = await buildApp(s);
    });
    after(async () => {
      await app.close();
      await s.dispose();
      await redis.close();
      await deleteRedisKeys(redisUrl, prefix);
    });

    const post = async (url: string, payload: object) => {
      counted.forget();
      const res = await app.inject({ method: 'POST', url, payload, remoteAddress: '10.7.0.1' });
      assert.equal(res.statusCode, 200, res.body);
      const trips = counted.calls.map((c) => `${c.round} ${c.operation} ${c.keys.map(roleOf).join(' ')}`);
      return { body: res.json() as Record<string, unknown>, trips };
    };

    it('takes 6 commands in 5 round trips: 3 in 3 for the options, 3 in 2 for the result', async () => {
      const authenticator = new SoftwareAuthenticator({ seed: 'round-trips' });
      const options = await post('/attestation/options', { username: 'trips', displayName: 'Trips', attestation: 'none' });
      await post('/attestation/result', { ...authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: options.body.session });
      // The first login fills this node's login cache, the second is served from it: the same trips.
      for (let login = 0; login < 2; login++) {
        const start = await post('/assertion/options', { username: 'trips' });
        assert.deepEqual(start.trips, ['1 incrementMany ip account', '2 peekCounter stamp', '3 set challenge']);
        const assertion = authenticator.authenticate({ challenge: start.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
        const finish = await post('/assertion/result', { ...assertion, session: start.body.session });
        assert.deepEqual(finish.trips, ['1 increment ip', '2 take challenge', '2 peekCounter stamp']);
      }
    });
  });
}
