/** The counter half of the EphemeralStore contract (see contract.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EphemeralFixture } from './contract.ts';

const WINDOW = 15 * 60_000;

export function describeCounterContract(fixture: () => EphemeralFixture): void {
  describe('counters', () => {
    it('counts 1..n within one fixed window that starts at the first increment', async () => {
      const { store, clock } = fixture();
      const start = clock.now();
      for (let n = 1; n <= 5; n++) {
        assert.deepEqual(await store.increment('rl:ip', WINDOW), { count: n, resetAt: start + WINDOW });
        clock.advance(60_000); // later increments do not move the window
      }
    });

    it('starts a new window once resetAt is reached', async () => {
      const { store, clock } = fixture();
      const first = await store.increment('rl:ip', WINDOW);
      await store.increment('rl:ip', WINDOW);
      clock.set(first.resetAt - 1);
      assert.deepEqual(await store.peekCounter('rl:ip'), { count: 2, resetAt: first.resetAt });
      clock.set(first.resetAt);
      assert.deepEqual(await store.peekCounter('rl:ip'), { count: 0, resetAt: first.resetAt });
      assert.deepEqual(await store.increment('rl:ip', WINDOW), { count: 1, resetAt: first.resetAt + WINDOW });
      assert.deepEqual(await store.increment('rl:ip', WINDOW), { count: 2, resetAt: first.resetAt + WINDOW });
    });

    it('loses nothing under 100 concurrent increments', async () => {
      const { store, clock } = fixture();
      const results = await Promise.all(Array.from({ length: 100 }, () => store.increment('lockout:u', WINDOW)));
      const counts = results.map((r) => r.count).sort((a, b) => a - b);
      assert.deepEqual(counts, Array.from({ length: 100 }, (_, i) => i + 1));
      assert.ok(results.every((r) => r.resetAt === clock.now() + WINDOW), 'one window, not several');
      assert.deepEqual(await store.peekCounter('lockout:u'), { count: 100, resetAt: clock.now() + WINDOW });
    });

    it('peeks without changing the count', async () => {
      const { store, clock } = fixture();
      const now = clock.now();
      assert.deepEqual(await store.peekCounter('rl:x'), { count: 0, resetAt: now }, 'absent: count 0, resets now');
      await store.increment('rl:x', WINDOW);
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await store.peekCounter('rl:x'), { count: 1, resetAt: now + WINDOW });
      }
      assert.equal((await store.increment('rl:x', WINDOW)).count, 2);
    });

    it('keeps counters independent of each other and of values with the same key', async () => {
      const { store } = fixture();
      await store.increment('a', WINDOW);
      await store.increment('a', WINDOW);
      await store.increment('b', WINDOW);
      await store.set('a', 'value', 60_000);
      assert.equal((await store.peekCounter('a')).count, 2);
      assert.equal((await store.peekCounter('b')).count, 1);
      assert.equal((await store.peekCounter('A')).count, 0);
      assert.equal(await store.get('a'), 'value');
      assert.equal(await store.take('a'), 'value');
      assert.equal((await store.peekCounter('a')).count, 2, 'take does not touch the counter');
    });

    it('resets a counter on delete (e.g. clearing failures after a successful login)', async () => {
      const { store, clock } = fixture();
      await store.increment('lockout:u', WINDOW);
      await store.increment('lockout:u', WINDOW);
      clock.advance(1000);
      await store.delete('lockout:u');
      assert.deepEqual(await store.peekCounter('lockout:u'), { count: 0, resetAt: clock.now() });
      assert.deepEqual(await store.increment('lockout:u', WINDOW), { count: 1, resetAt: clock.now() + WINDOW });
    });

    it('rejects a window that is not a positive integer of milliseconds', async () => {
      const { store } = fixture();
      for (const windowMs of [0, -5, 0.5, Number.NaN]) {
        await assert.rejects(store.increment('k', windowMs), RangeError);
        await assert.rejects(store.incrementMany(['k', 'l'], windowMs), RangeError);
      }
      assert.equal((await store.peekCounter('k')).count, 0);
      assert.equal((await store.peekCounter('l')).count, 0);
    });

    describe('several in one call (incrementMany)', () => {
      it('moves each counter as increment would, answering in the order of the keys', async () => {
        const { store, clock } = fixture();
        const start = clock.now();
        await store.increment('rl:acct', WINDOW);
        clock.advance(60_000);
        assert.deepEqual(await store.incrementMany(['rl:ip', 'rl:acct'], WINDOW), [
          { count: 1, resetAt: start + 60_000 + WINDOW },
          { count: 2, resetAt: start + WINDOW },
        ]);
        assert.deepEqual(await store.incrementMany(['rl:acct', 'rl:ip'], WINDOW), [
          { count: 3, resetAt: start + WINDOW },
          { count: 2, resetAt: start + 60_000 + WINDOW },
        ]);
        assert.deepEqual(await store.peekCounter('rl:ip'), { count: 2, resetAt: start + 60_000 + WINDOW });
        assert.deepEqual(await store.incrementMany([], WINDOW), []);
      });

      it('shares counters with increment, and starts a new window per key once it ended', async () => {
        const { store, clock } = fixture();
        const first = await store.increment('a', WINDOW);
        clock.advance(60_000);
        await store.increment('b', WINDOW);
        clock.set(first.resetAt);
        assert.deepEqual(await store.incrementMany(['a', 'b'], WINDOW), [
          { count: 1, resetAt: first.resetAt + WINDOW },
          { count: 2, resetAt: first.resetAt + 60_000 },
        ]);
        assert.deepEqual(await store.increment('a', WINDOW), { count: 2, resetAt: first.resetAt + WINDOW });
      });

      it('counts a key named twice twice', async () => {
        const { store, clock } = fixture();
        assert.deepEqual(await store.incrementMany(['k', 'k'], WINDOW), [
          { count: 1, resetAt: clock.now() + WINDOW },
          { count: 2, resetAt: clock.now() + WINDOW },
        ]);
      });

      it('loses nothing when concurrent calls share some of their keys', async () => {
        const { store, clock } = fixture();
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? store.increment('ip', WINDOW).then((one) => [one]) : store.incrementMany(['ip', `acct${i % 3}`], WINDOW))),
        );
        assert.deepEqual(results.map((r) => r[0]!.count).sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 1));
        for (const account of ['acct1', 'acct2']) {
          assert.deepEqual(await store.peekCounter(account), { count: 20, resetAt: clock.now() + WINDOW });
        }
        assert.deepEqual(await store.peekCounter('ip'), { count: 60, resetAt: clock.now() + WINDOW });
      });
    });
  });
}
