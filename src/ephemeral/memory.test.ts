import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it, mock } from 'node:test';
import { promisify } from 'node:util';
import { DomainError } from '../core/errors.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { runEphemeralContract } from './contract.ts';
import { createMemoryEphemeralStore } from './memory.ts';

runEphemeralContract('memory', async (clock) => {
  const store = createMemoryEphemeralStore({ clock, maxEntries: 1000 });
  return { store, cleanup: () => store.close() };
});

const MINUTE = 60_000;

function capacityExceeded(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'capacity_exceeded';
}

describe('memory ephemeral store: bounded', () => {
  it('refuses a new key when its pool is full of live entries, and allows updates', async (t) => {
    const clock = new FixedClock();
    const store = createMemoryEphemeralStore({ clock, maxEntries: 2 });
    t.after(() => store.close());
    await store.set('a', '1', MINUTE);
    await store.set('b', '2', MINUTE);
    await store.increment('c', MINUTE);
    await store.increment('d', MINUTE);

    await assert.rejects(store.set('e', '5', MINUTE), capacityExceeded);
    await assert.rejects(store.increment('f', MINUTE), capacityExceeded);
    assert.equal(await store.get('e'), null);
    assert.equal((await store.peekCounter('f')).count, 0);

    await store.set('a', 'updated', MINUTE);
    assert.deepEqual(await store.increment('c', MINUTE), { count: 2, resetAt: clock.now() + MINUTE });
    assert.equal(await store.get('a'), 'updated');
    assert.equal(store.size(), 4);
  });

  it('moves several counters only when every new one among them has room: all or none', async (t) => {
    const clock = new FixedClock();
    const store = createMemoryEphemeralStore({ clock, maxEntries: 3 });
    t.after(() => store.close());
    await store.increment('ip', MINUTE);
    await store.increment('acct-a', MINUTE);
    await assert.rejects(store.incrementMany(['ip', 'acct-b', 'acct-c'], MINUTE), capacityExceeded);
    assert.equal((await store.peekCounter('ip')).count, 1, 'the refused call moved none');
    assert.equal((await store.peekCounter('acct-b')).count, 0);
    assert.deepEqual(await store.incrementMany(['ip', 'acct-b', 'acct-b'], MINUTE), [
      { count: 2, resetAt: clock.now() + MINUTE },
      { count: 1, resetAt: clock.now() + MINUTE },
      { count: 2, resetAt: clock.now() + MINUTE },
    ]);
    await assert.rejects(store.incrementMany(['ip', 'acct-c'], MINUTE), capacityExceeded);
    assert.deepEqual((await store.incrementMany(['ip', 'acct-a'], MINUTE)).map((c) => c.count), [3, 2], 'existing counters need no room');
  });

  it('never grows past its cap when making room sweeps away some of the keys being moved', async (t) => {
    const clock = new FixedClock();
    const store = createMemoryEphemeralStore({ clock, maxEntries: 2 });
    t.after(() => store.close());
    await store.increment('old-ip', 1000);
    await store.increment('other', 2000);
    clock.advance(1000); // 'old-ip' has ended (swept when room is needed), 'other' has not
    await assert.rejects(store.incrementMany(['old-ip', 'new-acct'], MINUTE), capacityExceeded);
    assert.equal(store.size(), 1);
    assert.deepEqual((await store.incrementMany(['old-ip'], MINUTE)).map((c) => c.count), [1]);
    assert.equal(store.size(), 2);
  });

  it('keeps counters apart from values: a flood of challenges does not starve the rate limiter', async (t) => {
    const store = createMemoryEphemeralStore({ clock: new FixedClock(), maxEntries: 2 });
    t.after(() => store.close());
    await store.set('challenge-1', 'x', MINUTE);
    await store.set('challenge-2', 'x', MINUTE);
    await assert.rejects(store.set('challenge-3', 'x', MINUTE), capacityExceeded);
    assert.equal((await store.increment('rl:new-client', MINUTE)).count, 1);
  });

  it('frees room on take and delete', async (t) => {
    const store = createMemoryEphemeralStore({ clock: new FixedClock(), maxEntries: 1 });
    t.after(() => store.close());
    await store.set('a', '1', MINUTE);
    await store.increment('b', MINUTE);
    await store.take('a');
    await store.set('c', '3', MINUTE);
    await store.delete('b');
    await store.increment('d', MINUTE);
    assert.equal(store.size(), 2);
  });

  it('evicts expired entries on demand to make room', async (t) => {
    const clock = new FixedClock();
    const store = createMemoryEphemeralStore({ clock, maxEntries: 2 });
    t.after(() => store.close());
    await store.set('short', 's', 1000);
    await store.set('long', 'l', MINUTE);
    await store.increment('window', 2000);
    await store.increment('other', MINUTE);
    await assert.rejects(store.set('new', 'n', MINUTE), capacityExceeded);

    clock.advance(1000); // 'short' has expired, 'window' has not
    await store.set('new', 'n', MINUTE);
    await assert.rejects(store.increment('another', MINUTE), capacityExceeded);

    clock.advance(1000); // now the window has ended too
    assert.equal((await store.increment('another', MINUTE)).count, 1);
    assert.equal(await store.get('long'), 'l');
    assert.equal(await store.get('new'), 'n');
    assert.equal(store.size(), 4);
  });

  it('sweeps expired entries in the background', async (t) => {
    mock.timers.enable({ apis: ['setInterval'] });
    t.after(() => mock.timers.reset());
    const clock = new FixedClock();
    const store = createMemoryEphemeralStore({ clock, maxEntries: 10, sweepIntervalMs: 5000 });
    t.after(() => store.close());
    await store.set('a', '1', 1000);
    await store.increment('b', 1000);
    await store.set('c', '3', MINUTE);

    clock.advance(1000);
    assert.equal(store.size(), 3, 'expired but not yet swept');
    mock.timers.tick(5000);
    assert.equal(store.size(), 1);
    assert.equal(await store.get('c'), '3');
  });

  it('does not keep the process alive with its sweep timer', async () => {
    const module = new URL('./memory.ts', import.meta.url).href;
    const script = [
      `import { createMemoryEphemeralStore } from ${JSON.stringify(module)};`,
      'const store = createMemoryEphemeralStore({ clock: { now: () => Date.now() }, maxEntries: 10, sweepIntervalMs: 60000 });',
      "await store.set('k', 'v', 1000);",
      "console.log('created');",
    ].join('\n');
    const started = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
      timeout: 10_000,
    });
    assert.equal(stdout.trim(), 'created');
    assert.ok(performance.now() - started < 5000, 'exited without waiting for the 60 s sweep');
  });

  it('rejects a cap or sweep interval that is not a positive integer', () => {
    const clock = new FixedClock();
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => createMemoryEphemeralStore({ clock, maxEntries }), RangeError);
    }
    for (const sweepIntervalMs of [0, 2 ** 31]) {
      assert.throws(() => createMemoryEphemeralStore({ clock, maxEntries: 1, sweepIntervalMs }), RangeError);
    }
  });
});
