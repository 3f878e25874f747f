import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGroupCommit } from './group-commit.ts';

describe('group commit', () => {
  it('writes what arrives in one turn of the event loop together, and settles callers after the write', async () => {
    const writes: number[][] = [];
    let written = false;
    const append = createGroupCommit<number>(async (items) => {
      writes.push([...items]);
      written = true;
    });
    const all = Promise.all([1, 2, 3].map((n) => append(n).then(() => assert.ok(written, 'settled before the write'))));
    await all;
    await append(4);
    assert.deepEqual(writes, [[1, 2, 3], [4]]);
  });

  it('splits a large burst into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const append = createGroupCommit<number>(async (items) => {
      sizes.push(items.length);
    }, 10);
    await Promise.all(Array.from({ length: 25 }, (_, i) => append(i)));
    assert.deepEqual(sizes, [10, 10, 5]);
  });

  it('fails every caller of a failed batch, and keeps working afterwards', async () => {
    let fail = true;
    const append = createGroupCommit<string>(async () => {
      if (fail) throw new Error('disk full');
    });
    const results = await Promise.allSettled([append('a'), append('b')]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    fail = false;
    await append('c');
  });
});
