import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { DomainError } from '../../core/errors.ts';
import { guardPostgresPool } from './guard-postgres-pool.ts';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** A pg client that answers each query with the next scripted outcome, and records its release. */
class FakeClient extends EventEmitter {
  readonly outcomes: (Error | { rows: unknown[] })[];
  queries = 0;
  readonly calls: unknown[][] = [];
  released: boolean | undefined;
  constructor(outcomes: (Error | { rows: unknown[] })[]) {
    super();
    this.outcomes = outcomes;
  }
  async query(...args: unknown[]): Promise<unknown> {
    this.queries += 1;
    this.calls.push(args);
    const next = this.outcomes.shift() ?? { rows: [] };
    if (next instanceof Error) throw next;
    return { command: 'SELECT', rowCount: next.rows.length, ...next };
  }
  release(destroy?: boolean): void {
    this.released = destroy === true;
  }
}

/** A pool with `state` counts; `connect` hands out `client` or fails with `connectError`. */
function fakePool(client: FakeClient | null, state = { idleCount: 1, totalCount: 1, waitingCount: 0 }, connectError?: Error) {
  let connects = 0;
  const pool = {
    ...state,
    options: { max: 2 },
    async connect() {
      connects += 1;
      if (connectError) throw connectError;
      return client;
    },
    async end() {},
  };
  return { pool: pool as unknown as pg.Pool, connects: () => connects };
}

const unavailable = (detail: RegExp) => (e: unknown) => e instanceof DomainError && e.code === 'service_unavailable' && e.retryAfterSeconds === 2 && detail.test(e.detail ?? '');

describe('guardPostgresPool', () => {
  it('refuses at once when the pool is busy and its wait queue is full, without queueing', async () => {
    const { pool, connects } = fakePool(new FakeClient([]), { idleCount: 0, totalCount: 2, waitingCount: 3 });
    await assert.rejects(guardPostgresPool(pool, { maxWaiting: 3 }).connect(), unavailable(/^postgres wait queue full \(3 waiting\)$/));
    assert.equal(connects(), 0);
    const room = fakePool(new FakeClient([]), { idleCount: 0, totalCount: 2, waitingCount: 2 });
    await guardPostgresPool(room.pool, { maxWaiting: 3 }).connect();
    assert.equal(room.connects(), 1);
  });

  it('reports a failed or timed-out connect as service_unavailable', async () => {
    const { pool } = fakePool(null, undefined, new Error('timeout exceeded when trying to connect'));
    await assert.rejects(guardPostgresPool(pool, { maxWaiting: 10 }).connect(), unavailable(/^postgres connect failed: timeout exceeded when trying to connect$/));
  });

  it('discards a client whose connection failed mid-statement, and reports the statement as unavailable', async () => {
    const client = new FakeClient([new Error('Query read timeout')]);
    const guarded = await guardPostgresPool(fakePool(client).pool, { maxWaiting: 10 }).connect();
    await assert.rejects(guarded.query('update x', []), unavailable(/Query read timeout/));
    guarded.release();
    assert.equal(client.released, true, 'destroyed, never reused');
  });

  it('keeps the connection after a statement_timeout (the server cancelled the statement cleanly)', async () => {
    const client = new FakeClient([withCode('canceling statement due to statement timeout', '57014')]);
    const guarded = await guardPostgresPool(fakePool(client).pool, { maxWaiting: 10 }).connect();
    await assert.rejects(guarded.query('select pg_sleep(10)', []), unavailable(/statement timeout/));
    guarded.release();
    assert.equal(client.released, false);
  });

  it('lets a statement error that is the request\'s own pass through unchanged', async () => {
    const duplicate = withCode('duplicate key value violates unique constraint', '23505');
    const client = new FakeClient([duplicate]);
    const guarded = await guardPostgresPool(fakePool(client).pool, { maxWaiting: 10 }).connect();
    await assert.rejects(guarded.query('insert', []), (e) => e === duplicate);
    guarded.release();
    assert.equal(client.released, false);
  });

  it('sends the statements it was told to name as named prepared statements, and the others as they are', async () => {
    const client = new FakeClient([]);
    const namedStatements = new Map([['update hot', 'sigil_hot']]);
    const guarded = await guardPostgresPool(fakePool(client).pool, { maxWaiting: 10, namedStatements }).connect();
    await guarded.query('update hot', [1, 'a']);
    await guarded.query('select 1', []);
    assert.deepEqual(client.calls, [[{ name: 'sigil_hot', text: 'update hot', values: [1, 'a'] }], ['select 1', []]]);
  });

  it('listens to a checked-out client that errors between statements: reported, no further query sent, destroyed on release', async () => {
    const client = new FakeClient([]);
    const heard: string[] = [];
    const guarded = await guardPostgresPool(fakePool(client).pool, { maxWaiting: 10, onClientError: (e) => heard.push(e.message) }).connect();
    client.emit('error', new Error('Connection terminated unexpectedly'));
    await assert.rejects(guarded.query('select 1', []), unavailable(/^postgres connection was lost$/));
    assert.equal(client.queries, 0);
    guarded.release();
    assert.deepEqual([heard, client.released, client.listenerCount('error')], [['Connection terminated unexpectedly'], true, 0]);
  });
});
