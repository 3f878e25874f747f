import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../core/errors.ts';
import type { EphemeralStore, Storage } from '../core/ports.ts';
import { createMemoryEphemeralStore } from '../ephemeral/memory.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { instrumentEphemeral } from './instrument-ephemeral.ts';
import { instrumentStorage } from './instrument-storage.ts';
import { createSigilMetrics } from './sigil-metrics.ts';

const errorsOf = async (metrics: ReturnType<typeof createSigilMetrics>) =>
  (await metrics.storeErrors.get()).values.map((v) => [v.labels.store, v.labels.operation, v.value]);

describe('instrumented stores', () => {
  it('count challenges issued and taken (found or not) in the ephemeral store, and nothing else', async () => {
    const metrics = createSigilMetrics();
    const store = instrumentEphemeral(createMemoryEphemeralStore({ clock: new FixedClock(), maxEntries: 100 }), metrics);
    await store.set('challenge:t1:a', 'x', 1000);
    await store.set('challenge:t1:b', 'y', 1000);
    await store.set('grant:t1:c', 'z', 1000);
    assert.equal(await store.take('challenge:t1:a'), 'x');
    assert.equal(await store.take('challenge:t1:a'), null);
    assert.equal(await store.take('grant:t1:c'), 'z');
    assert.deepEqual((await store.increment('rl:x', 1000)).count, 1);
    assert.equal((await metrics.challengesIssued.get()).values[0]?.value, 2);
    assert.deepEqual((await metrics.challengesConsumed.get()).values.map((v) => [v.labels.result, v.value]), [['taken', 1], ['missing', 1]]);
    assert.deepEqual(await errorsOf(metrics), []);
  });

  it('count ephemeral failures by operation, not domain answers, and rethrow both unchanged', async () => {
    const metrics = createSigilMetrics();
    const down = new DomainError('service_unavailable', { detail: 'redis down' });
    const full = new DomainError('capacity_exceeded');
    const broken: EphemeralStore = {
      set: async () => { throw full; },
      get: async () => { throw new Error('ECONNRESET'); },
      take: async () => { throw down; },
      delete: async () => undefined,
      increment: async () => { throw down; },
      incrementMany: async () => { throw down; },
      peekCounter: async () => ({ count: 0, resetAt: 0 }),
      ping: async () => { throw down; },
      close: async () => undefined,
    };
    const store = instrumentEphemeral(broken, metrics);
    await assert.rejects(store.set('challenge:t:a', 'x', 1000), full);
    await assert.rejects(store.get('k'), /ECONNRESET/);
    await assert.rejects(store.take('challenge:t:a'), down);
    await assert.rejects(store.increment('k', 1000), down);
    await assert.rejects(store.incrementMany(['k', 'l'], 1000), down);
    await assert.rejects(store.ping(), down);
    assert.deepEqual(await errorsOf(metrics), [['ephemeral', 'get', 1], ['ephemeral', 'take', 1], ['ephemeral', 'increment', 1], ['ephemeral', 'incrementMany', 1], ['ephemeral', 'ping', 1]]);
    assert.deepEqual((await metrics.challengesIssued.get()).values.map((v) => v.value), [0], 'a refused set issued nothing');
  });

  it('count durable-store failures by repository and method, for any repository, passing values and domain errors through', async () => {
    const metrics = createSigilMetrics();
    const conflict = new DomainError('credential_conflict');
    const users = {
      prefix: 'u:',
      async find(this: { prefix: string }, id: string) { return `${this.prefix}${id}`; },
      async create() { throw conflict; },
      async list() { throw new Error('connection terminated'); },
      count() { throw new Error('sync failure'); },
    };
    const storage = instrumentStorage({ users, ping: async () => { throw new Error('no answer'); }, close: async () => undefined } as unknown as Storage, metrics);
    const repo = storage.users as unknown as typeof users;
    assert.equal(await repo.find('42'), 'u:42', 'methods keep their receiver');
    assert.equal(repo.prefix, 'u:');
    assert.equal(storage.users, storage.users, 'one proxy per repository');
    await assert.rejects(repo.create(), conflict);
    await assert.rejects(repo.list(), /connection terminated/);
    assert.throws(() => repo.count(), /sync failure/);
    await assert.rejects(storage.ping(), /no answer/);
    assert.deepEqual(await errorsOf(metrics), [['storage', 'users.list', 1], ['storage', 'users.count', 1], ['storage', 'ping', 1]]);
  });
});
