import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryEphemeralStore } from '../../ephemeral/memory.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { Redis } from 'ioredis';
import { FixedClock } from '../../testing/fixed-clock.ts';
import type { EphemeralStore } from '../ports.ts';
import { DomainError } from '../errors.ts';
import { deviceLockout } from './device-lockout.ts';
import { testServiceSettings } from '../../config/test-services.ts';

const redisUrl = testServiceSettings().redisUrl ?? '';
const servicesRequired = testServiceSettings().required;

const lockedFor = (seconds: number) => (e: unknown) => e instanceof DomainError && e.code === 'locked_out' && e.retryAfterSeconds === seconds;

/** Two "nodes": each its own store object over what may be one shared backend. */
type Nodes = (clock: FixedClock) => Promise<{ a: EphemeralStore; b: EphemeralStore; close(): Promise<void> }>;

function runLockoutSuite(name: string, nodes: Nodes): void {
  describe(`device lockout (${name})`, () => {
    it('admits 5 attempts without a success within 15 minutes, then refuses until the window ends', async () => {
      const clock = new FixedClock();
      const { a, close } = await nodes(clock);
      const lockout = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u1|device:d1');
      for (let i = 1; i <= 5; i++) {
        assert.equal(await lockout.admit(), i);
        clock.advance(60_000);
      }
      await assert.rejects(lockout.admit(), lockedFor(15 * 60 - 5 * 60));
      clock.advance(10 * 60_000 - 1);
      await assert.rejects(lockout.admit(), lockedFor(1));
      clock.advance(1);
      assert.equal(await lockout.admit(), 1);
      await close();
    });

    it('counts atomically: of 50 concurrent attempts exactly 5 are admitted', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const subject = 'user:u3|device:d1';
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => deviceLockout({ ephemeral: i % 2 ? a : b, clock }, 't1', subject).admit()));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
      assert.ok(results.every((r) => r.status === 'fulfilled' || lockedFor(900)(r.reason)));
      await close();
    });

    it('is shared by every node on the same store, kept apart per tenant and subject, and cleared by a success', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const onA = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u2|device:d1');
      const onB = deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d1');
      for (let i = 0; i < 3; i++) await onA.admit();
      for (let i = 0; i < 2; i++) await onB.admit();
      await assert.rejects(onA.admit(), lockedFor(900));
      await assert.rejects(onB.admit(), lockedFor(900));
      assert.equal(await deviceLockout({ ephemeral: b, clock }, 't2', 'user:u2|device:d1').admit(), 1);
      assert.equal(await deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d2').admit(), 1);
      await onB.reset();
      assert.equal(await onA.admit(), 1);
      await close();
    });
  });
}

runLockoutSuite('memory', async (clock) => {
  const store = createMemoryEphemeralStore({ clock, maxEntries: 100 });
  return { a: store, b: store, close: () => store.close() };
});

if (redisUrl !== '') {
  runLockoutSuite('redis, two connections', async (clock) => {
    const keyPrefix = `sigil-test:${randomUUID()}:`;
    const a = createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix });
    const b = createRedisEphemeralStore({ url: redisUrl, clock, keyPrefix });
    return {
      a,
      b,
      async close() {
        await a.close();
        await b.close();
        await deleteKeysUnder(redisUrl, keyPrefix);
      },
    };
  });
} else if (servicesRequired) {
  it('device lockout on redis has a server to run against', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set'));
} else {
  describe('device lockout (redis)', { skip: 'TEST_REDIS_URL not set' }, () => {});
}

/** Removes what a run wrote under its own random prefix. */
async function deleteKeysUnder(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await admin.quit();
  }
}
