/** The value half of the EphemeralStore contract (see contract.ts): set, get, take, delete. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EphemeralFixture } from './contract.ts';

const MINUTE = 60_000;

export function describeValueContract(fixture: () => EphemeralFixture): void {
  describe('values', () => {
    it('round-trips set, get and delete with the exact value', async () => {
      const { store } = fixture();
      assert.equal(await store.get('challenge:a'), null);
      await store.set('challenge:a', 'c2lnaWw', MINUTE);
      assert.equal(await store.get('challenge:a'), 'c2lnaWw');
      assert.equal(await store.get('challenge:a'), 'c2lnaWw', 'get does not consume');
      await store.delete('challenge:a');
      assert.equal(await store.get('challenge:a'), null);
      await store.delete('challenge:a'); // deleting a missing key is not an error
    });

    it('overwrites the value and the TTL', async () => {
      const { store, clock } = fixture();
      await store.set('k', 'first', MINUTE);
      await store.set('k', 'second', 10 * MINUTE);
      assert.equal(await store.get('k'), 'second');
      clock.advance(5 * MINUTE);
      assert.equal(await store.get('k'), 'second');
      await store.set('k', 'third', 1000);
      clock.advance(1000);
      assert.equal(await store.get('k'), null, 'a shorter TTL replaces a longer one');
    });

    it('takes a value exactly once', async () => {
      const { store } = fixture();
      await store.set('challenge:b', 'once', MINUTE);
      assert.equal(await store.take('challenge:b'), 'once');
      assert.equal(await store.take('challenge:b'), null);
      assert.equal(await store.get('challenge:b'), null);
      assert.equal(await store.take('never-set'), null);
    });

    it('lets exactly one of 100 concurrent takes win', async () => {
      const { store } = fixture();
      await store.set('challenge:race', 'winner', MINUTE);
      const results = await Promise.all(Array.from({ length: 100 }, () => store.take('challenge:race')));
      assert.deepEqual(results.filter((r) => r !== null), ['winner']);
      assert.equal(results.filter((r) => r === null).length, 99);
    });

    it('expires by the injected clock: live at ttl - 1 ms, gone at ttl', async () => {
      const { store, clock } = fixture();
      await store.set('for-get', 'g', 30_000);
      await store.set('for-take', 't', 30_000);
      clock.advance(29_999);
      assert.equal(await store.get('for-get'), 'g');
      clock.advance(1);
      assert.equal(await store.get('for-get'), null);
      assert.equal(await store.take('for-take'), null);
    });

    it('takes a value that is one millisecond from expiry', async () => {
      const { store, clock } = fixture();
      await store.set('k', 'v', 30_000);
      clock.advance(29_999);
      assert.equal(await store.take('k'), 'v');
    });

    it('can set a key again after it expired', async () => {
      const { store, clock } = fixture();
      await store.set('k', 'old', 1000);
      clock.advance(1000);
      await store.set('k', 'new', 1000);
      assert.equal(await store.get('k'), 'new');
    });

    it('keeps keys independent', async () => {
      const { store } = fixture();
      await store.set('a', '1', MINUTE);
      await store.set('b', '2', MINUTE);
      await store.set('A', '3', MINUTE);
      assert.equal(await store.take('a'), '1');
      assert.equal(await store.get('b'), '2');
      assert.equal(await store.get('A'), '3');
      await store.delete('b');
      assert.equal(await store.get('A'), '3');
    });

    it('round-trips empty, unicode, separator-laden and large values', async () => {
      const { store } = fixture();
      const large = 'ключ🔑:'.repeat(40_000) + 'end'; // ~440 KB in UTF-8
      const samples = ['', ' ', '0', 'null', '12:34:56', 'ü🙂 漢字 \u0000 \n\t"\'\\', '{"json":[1,2]}', large];
      for (const [i, value] of samples.entries()) await store.set(`k${i}`, value, MINUTE);
      for (const [i, value] of samples.entries()) assert.equal(await store.get(`k${i}`), value);
      assert.equal(await store.take(`k${samples.length - 1}`), large);
    });

    it('accepts unicode and separators in keys', async () => {
      const { store } = fixture();
      await store.set('otp:ü🙂:a b:*', 'x', MINUTE);
      assert.equal(await store.get('otp:ü🙂:a b:*'), 'x');
      assert.equal(await store.get('otp:ü🙂:a b:?'), null);
    });

    it('rejects a TTL that is not a positive integer of milliseconds', async () => {
      const { store } = fixture();
      for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await assert.rejects(store.set('k', 'v', ttl), RangeError);
      }
      assert.equal(await store.get('k'), null);
    });
  });
}
