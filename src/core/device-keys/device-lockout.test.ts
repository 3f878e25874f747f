import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryEphemeralStore } from '../../ephemeral/memory.ts';
import { createRedisEphemeralStore } from '../../ephemeral/redis.ts';
import { deleteRedisKeys } from '../../testing/delete-redis-keys.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import type { EphemeralStore } from '../ports.ts';
import { DomainError } from '../errors.ts';
import { deviceLockout } from './device-lockout.ts';
import type { FailureLockout } from '../abuse/failure-lockout.ts';
import { testServiceSettings } from '../../config/test-services.ts';

const redisUrl = testServiceSettings().redisUrl ?? '';
const servicesRequired = testServiceSettings().required;

const lockedFor = (seconds: number) => (e: unknown) => e instanceof DomainError && e.code === 'locked_out' && e.retryAfterSeconds === seconds;

/** Two "nodes": each its own store object over what may be one shared backend. */
type Nodes = (clock: FixedClock) => Promise<{ a: EphemeralStore; b: EphemeralStore; close(): Promise<void> }>;

const IP = '192.0.2.1';

/** `n` attempts from `client` that fail their proof (as prove-possession reports them). */
async function failFrom(lockout: FailureLockout, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await lockout.failed(await lockout.admit());
}

function runLockoutSuite(name: string, nodes: Nodes): void {
  describe(`device lockout (${name})`, () => {
    it('admits 5 attempts of one client without a success within 15 minutes, then refuses that client until the window ends', async () => {
      const clock = new FixedClock();
      const { a, close } = await nodes(clock);
      const lockout = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u1|device:d1', IP);
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

    it('counts atomically: of 50 concurrent attempts of one client exactly 5 are admitted', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const subject = 'user:u3|device:d1';
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => deviceLockout({ ephemeral: i % 2 ? a : b, clock }, 't1', subject, IP).admit()));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
      assert.ok(results.every((r) => r.status === 'fulfilled' || lockedFor(900)(r.reason)));
      await close();
    });

    it('is shared by every node on the same store, kept apart per tenant, subject and client, and cleared by a success', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const onA = deviceLockout({ ephemeral: a, clock }, 't1', 'user:u2|device:d1', IP);
      const onB = deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d1', IP);
      for (let i = 0; i < 3; i++) await onA.admit();
      for (let i = 0; i < 2; i++) await onB.admit();
      await assert.rejects(onA.admit(), lockedFor(900));
      await assert.rejects(onB.admit(), lockedFor(900));
      assert.equal(await deviceLockout({ ephemeral: b, clock }, 't2', 'user:u2|device:d1', IP).admit(), 1);
      assert.equal(await deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d2', IP).admit(), 1);
      assert.equal(await deviceLockout({ ephemeral: b, clock }, 't1', 'user:u2|device:d1', '198.51.100.7').admit(), 1, 'the owner elsewhere is not locked out');
      await onB.succeeded();
      assert.equal(await onA.admit(), 1);
      await close();
    });

    it('names the client lock on the fifth failure, and the account lock on the 50th failure of all clients', async () => {
      const clock = new FixedClock();
      const { a, close } = await nodes(clock);
      const lockoutOf = (client: string) => deviceLockout({ ephemeral: a, clock }, 't1', 'user:u4', client);
      const first = lockoutOf('10.0.0.0');
      const scopes: (readonly string[])[] = [];
      for (let i = 0; i < 5; i++) scopes.push(await first.failed(await first.admit()));
      assert.deepEqual(scopes, [[], [], [], [], ['client']]);
      for (let c = 1; c < 9; c++) await failFrom(lockoutOf(`10.0.0.${c}`), 5);
      const tenth = lockoutOf('10.0.0.9');
      for (let i = 0; i < 4; i++) assert.deepEqual(await tenth.failed(await tenth.admit()), []);
      assert.deepEqual(await tenth.failed(await tenth.admit()), ['client', 'account']);
      await close();
    });

    it('past the account-wide ceiling hears each client once: a flood from many addresses cannot lock the owner out', async () => {
      const clock = new FixedClock();
      const { a, b, close } = await nodes(clock);
      const lockoutOf = (client: string, store = a) => deviceLockout({ ephemeral: store, clock }, 't1', 'user:u5', client);
      for (let c = 0; c < 10; c++) await failFrom(lockoutOf(`10.0.1.${c}`), 5);
      clock.advance(60_000);
      // A fresh address gets one attempt, then is refused until the account-wide window ends.
      const fresh = lockoutOf('10.0.2.1', b);
      await fresh.failed(await fresh.admit());
      await assert.rejects(fresh.admit(), lockedFor(14 * 60));
      // The owner's device has not tried: it is heard, succeeds, and stays heard.
      const owner = lockoutOf('203.0.113.9', b);
      assert.equal(await owner.admit(), 1);
      await owner.succeeded();
      assert.equal(await owner.admit(), 1);
      await owner.succeeded();
      clock.advance(14 * 60_000);
      assert.equal(await lockoutOf('10.0.2.1').admit(), 3, 'the account-wide count runs out with its window (the client count goes on)');
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
        await deleteRedisKeys(redisUrl, keyPrefix);
      },
    };
  });
} else if (servicesRequired) {
  it('device lockout on redis has a server to run against', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set'));
} else {
  describe('device lockout (redis)', { skip: 'TEST_REDIS_URL not set' }, () => {});
}
