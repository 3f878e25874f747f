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
    it('refuses after 5 failures within 15 minutes, until the window ends', async () => {
      const clock = new FixedClock();
      const { a, close } = await nodes(clock);
      const lockout = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u1|device:d1');
      for (let i = 1; i <= 5; i++) {
        await lockout.assertOpen();
        assert.equal(await lockout.recordFailure(), i);
        clock.advance(60_000);
      }
      await assert.rejects(lockout.assertOpen(), lockedFor(15 * 60 - 5 * 60));
      clock.advance(10 * 60_000 - 1);
      await assert.rejects(lockout.assertOpen(), lockedFor(1));
      clock.advance(1);
      await lockout.assertOpen();
      await close();
    });

    it('is shared by every node on the same store, and kept apart per tenant and subject', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const onA = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u2|device:d1');
      const onB = deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d1');
      for (let i = 0; i < 3; i++) await onA.recordFailure();
      for (let i = 0; i < 2; i++) await onB.recordFailure();
      await assert.rejects(onA.assertOpen(), lockedFor(900));
      await assert.rejects(onB.assertOpen(), lockedFor(900));
      await deviceLockout({ ephemeral: b, clock }, 't2', 'user:u2|device:d1').assertOpen();
      await deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d2').assertOpen();
      await onB.reset();
      await onA.assertOpen();
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
