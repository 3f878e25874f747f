import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { DomainError } from '../core/errors.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { runEphemeralContract } from './contract.ts';
import { createRedisEphemeralStore } from './redis.ts';
import { testServiceSettings } from '../config/test-services.ts';

const redisUrl = testServiceSettings().redisUrl ?? '';
const servicesRequired = testServiceSettings().required;

if (redisUrl !== '') {
  describeAgainstRedis(redisUrl);
} else if (servicesRequired) {
  describe('redis ephemeral store', () => {
    it('has a server to run against', () => {
      assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set');
    });
  });
} else {
  describe('redis ephemeral store', { skip: 'TEST_REDIS_URL not set' }, () => {});
}

function serviceUnavailable(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'service_unavailable';
}

function describeAgainstRedis(url: string): void {
  // Every key this run writes sits under one random prefix, removed (and checked) at the end.
  const runPrefix = `sigil-test:${randomUUID()}:`;
  let stores = 0;
  const admin = new Redis(url, { lazyConnect: true });
  const keysUnder = (prefix: string): Promise<string[]> => scanKeys(admin, `${prefix}*`);

  before(() => admin.connect());
  after(async () => {
    const leftovers = await keysUnder(runPrefix);
    if (leftovers.length > 0) await admin.del(...leftovers);
    await admin.quit();
    assert.deepEqual(leftovers, [], 'every store cleaned up after itself');
  });

  function open(clock: FixedClock, keyPrefix = `${runPrefix}${++stores}:`) {
    const store = createRedisEphemeralStore({ url, clock, keyPrefix });
    const cleanup = async (): Promise<void> => {
      await store.close();
      const keys = await keysUnder(keyPrefix);
      if (keys.length > 0) await admin.del(...keys);
    };
    return { store, keyPrefix, cleanup };
  }

  runEphemeralContract('redis', async (clock) => open(clock));

  describe('redis ephemeral store: layout and sharing', () => {
    it('stores values and counters under the prefix with a physical TTL ≥ the logical one', async (t) => {
      const clock = new FixedClock();
      const { store, keyPrefix, cleanup } = open(clock);
      t.after(cleanup);
      await store.set('challenge:x', 'abc:def', 60_000);
      await store.increment('rl:ip', 30_000);

      assert.equal(await admin.get(`${keyPrefix}v:challenge:x`), `${clock.now() + 60_000}:abc:def`);
      assert.deepEqual(await admin.hgetall(`${keyPrefix}c:rl:ip`), { count: '1', resetAt: String(clock.now() + 30_000) });
      const valueTtl = await admin.pttl(`${keyPrefix}v:challenge:x`);
      const counterTtl = await admin.pttl(`${keyPrefix}c:rl:ip`);
      assert.ok(valueTtl > 60_000 && valueTtl <= 65_000, `value PTTL ${valueTtl}`);
      assert.ok(counterTtl > 30_000 && counterTtl <= 35_000, `counter PTTL ${counterTtl}`);
      assert.deepEqual((await keysUnder(keyPrefix)).sort(), [`${keyPrefix}c:rl:ip`, `${keyPrefix}v:challenge:x`]);

      // Several counters in one call: the same layout, each with its own physical TTL.
      clock.advance(1000);
      await store.incrementMany(['rl:ip', 'rl:acct'], 30_000);
      assert.deepEqual(await admin.hgetall(`${keyPrefix}c:rl:ip`), { count: '2', resetAt: String(clock.now() - 1000 + 30_000) });
      assert.deepEqual(await admin.hgetall(`${keyPrefix}c:rl:acct`), { count: '1', resetAt: String(clock.now() + 30_000) });
      const accountTtl = await admin.pttl(`${keyPrefix}c:rl:acct`);
      assert.ok(accountTtl > 30_000 && accountTtl <= 35_000, `counter PTTL ${accountTtl}`);
    });

    it('shares state between instances on one prefix: one take wins across both', async (t) => {
      const clock = new FixedClock();
      const a = open(clock);
      const b = open(clock, a.keyPrefix);
      t.after(() => b.store.close());
      t.after(a.cleanup);
      await a.store.set('challenge:shared', 'v', 60_000);
      const takes = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a.store : b.store).take('challenge:shared')),
      );
      assert.deepEqual(takes.filter((v) => v !== null), ['v']);
      await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a.store : b.store).increment('n', 60_000)));
      assert.equal((await b.store.peekCounter('n')).count, 50);
    });

    it('isolates prefixes from each other', async (t) => {
      const clock = new FixedClock();
      const a = open(clock);
      const b = open(clock);
      t.after(a.cleanup);
      t.after(b.cleanup);
      await a.store.set('k', 'a', 60_000);
      await a.store.increment('k', 60_000);
      assert.equal(await b.store.get('k'), null);
      assert.equal((await b.store.peekCounter('k')).count, 0);
    });

    it('refuses to read a value it did not write', async (t) => {
      const { store, keyPrefix, cleanup } = open(new FixedClock());
      t.after(cleanup);
      await admin.set(`${keyPrefix}v:foreign`, 'no envelope here');
      await assert.rejects(store.get('foreign'), TypeError);
    });
  });
}

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

// These need no Redis: they are about failing fast when there is none.
describe('redis ephemeral store: unavailable', () => {
  it('rejects ping and commands promptly when nothing listens', async () => {
    const store = createRedisEphemeralStore({ url: 'redis://127.0.0.1:1', clock: new FixedClock(), keyPrefix: 't:' });
    const started = performance.now();
    await assert.rejects(store.ping(), serviceUnavailable);
    await assert.rejects(store.set('k', 'v', 1000), serviceUnavailable);
    await assert.rejects(store.take('k'), serviceUnavailable);
    await store.close();
    assert.ok(performance.now() - started < 1500, `took ${Math.round(performance.now() - started)} ms`);
  });

  it('rejects ping within the command timeout when the server never answers', async (t) => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket)); // accepts, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const { port } = silent.address() as AddressInfo;
    const store = createRedisEphemeralStore({
      url: `redis://127.0.0.1:${port}`,
      clock: new FixedClock(),
      keyPrefix: 't:',
      commandTimeoutMs: 300,
    });
    const started = performance.now();
    await assert.rejects(store.ping(), serviceUnavailable);
    const elapsed = performance.now() - started;
    await store.close();
    assert.ok(elapsed >= 250 && elapsed < 1000, `took ${Math.round(elapsed)} ms`);
  });
});
