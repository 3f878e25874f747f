import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruMap } from './lru-map.ts';

describe('LruMap (second chance)', () => {
  it('holds at most its capacity and drops an entry nobody used since it came in', () => {
    const map = new LruMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    assert.equal(map.size, 3);
    assert.equal(map.get('a'), undefined);
    assert.deepEqual(['b', 'c', 'd'].map((k) => map.get(k)), [1, 2, 3]);
  });

  it('keeps a recently read entry and drops the oldest unread one instead', () => {
    const map = new LruMap<string, number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    assert.equal(map.get('a'), 1);
    map.set('d', 4);
    assert.equal(map.get('b'), undefined, 'b was the oldest entry not read since it came in');
    assert.equal(map.get('a'), 1);
    // The scan moved a to the end unmarked: c is now the oldest unread entry.
    map.set('e', 5);
    assert.deepEqual(['a', 'c', 'd', 'e'].map((k) => map.has(k)), [true, false, true, true]);
    // Everything marked: one pass unmarks each and drops the first it reaches again.
    for (const key of ['a', 'd', 'e']) map.get(key);
    map.set('f', 6);
    assert.deepEqual(['a', 'd', 'e', 'f'].map((k) => map.has(k)), [false, true, true, true]);
  });

  it('counts a write to a held key as a use, and replaces its value in place', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);
    assert.equal(map.get('a'), 10);
    assert.equal(map.has('b'), false);
  });

  it('forgets deleted keys, clears, and refuses a capacity below one', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    assert.equal(map.delete('a'), true);
    assert.equal(map.delete('a'), false);
    map.set('b', 2);
    map.clear();
    assert.equal(map.size, 0);
    assert.throws(() => new LruMap(0), RangeError);
    assert.throws(() => new LruMap(1.5), RangeError);
  });

  it('stays bounded under a long random workload', () => {
    const map = new LruMap<number, number>(50);
    let seed = 7; // Park–Miller: exact in doubles
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 20_000; i++) {
      const key = next() % 200;
      if (map.get(key) === undefined) map.set(key, key);
      assert.ok(map.size <= 50);
    }
    assert.equal(map.size, 50);
  });
});
