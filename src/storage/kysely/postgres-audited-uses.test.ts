import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledQuery, QueryResult } from 'kysely';
import { createFixtures, T0 } from '../contract/fixtures.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { AUDITED_USES_SQL, createPostgresAuditedUses, type AuditedUse } from './postgres-audited-uses.ts';

const fixtures = createFixtures('postgres-audited-uses');

/** An executor that records each statement's credential ids and answers with `decide`. */
function recordingExecutor(decide: (ids: string[]) => number[] | Error | Promise<number[]>) {
  const statements: string[][] = [];
  const hot: HotPathExecutor = {
    batchesWrites: false,
    execute<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      assert.equal(query.sql, AUDITED_USES_SQL);
      const ids = query.parameters[2] as string[];
      statements.push(ids);
      const answer = decide(ids);
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer).then((won) => ({ rows: won.map((n) => ({ n })) as R[] }));
    },
    close: async () => {},
  };
  return { hot, statements };
}

const useOf = (id: string, expectedSignCount = 1): AuditedUse => ({
  tenantId: 't',
  id,
  expectedSignCount,
  patch: { signCount: expectedSignCount + 1, backupEligible: false, backupState: false, lastUsedAt: T0 },
  event: fixtures.auditEvent('t'),
});

describe('PostgreSQL audited uses: group commit', () => {
  it('sends the uses of one turn in one statement and answers each caller from its own row', async () => {
    // The database "returns" rows 0 and 2: those two compare-and-sets won.
    const { hot, statements } = recordingExecutor(() => [0, 2]);
    const record = createPostgresAuditedUses(hot);
    assert.deepEqual(await Promise.all([record(useOf('a')), record(useOf('b')), record(useOf('c'))]), [true, false, true]);
    assert.deepEqual(statements, [['a', 'b', 'c']]);
  });

  it('puts a second use of one credential in a later statement', async () => {
    const { hot, statements } = recordingExecutor((ids) => ids.map((_, n) => n));
    const record = createPostgresAuditedUses(hot);
    await Promise.all([record(useOf('a')), record(useOf('b')), record(useOf('a', 2)), record(useOf('a', 3))]);
    assert.deepEqual(statements, [['a', 'b'], ['a'], ['a']]);
  });

  it('holds at most maxBatch uses in a statement', async () => {
    const { hot, statements } = recordingExecutor((ids) => ids.map((_, n) => n));
    const record = createPostgresAuditedUses(hot, { maxBatch: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => record(useOf(id))));
    assert.deepEqual(statements, [['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('orders a statement’s rows by tenant and credential id (one row-lock order for every statement), and answers each caller its own', async () => {
    const { hot, statements } = recordingExecutor((ids) => ids.flatMap((id, n) => (id === 'c' ? [] : [n])));
    const record = createPostgresAuditedUses(hot);
    assert.deepEqual(await Promise.all([record(useOf('c')), record(useOf('a')), record(useOf('b'))]), [false, true, true]);
    assert.deepEqual(statements, [['a', 'b', 'c']]);
  });

  it('fails every use of a statement whose outcome is unknown (the connection lost), trying none again', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    const { hot, statements } = recordingExecutor(() => lost);
    const record = createPostgresAuditedUses(hot);
    const outcomes = await Promise.allSettled([record(useOf('a')), record(useOf('b'))]);
    assert.deepEqual(outcomes, [{ status: 'rejected', reason: lost }, { status: 'rejected', reason: lost }]);
    assert.deepEqual(statements, [['a', 'b']]);
  });

  it('tries each use of a failed statement alone, one after another, so only the failing one fails', async () => {
    const poisoned = Object.assign(new Error('duplicate key value violates unique constraint "audit_events_pkey"'), { code: '23505' });
    let running = 0;
    let most = 0;
    const { hot, statements } = recordingExecutor(async (ids) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (ids.includes('bad')) throw poisoned;
      return [0];
    });
    const record = createPostgresAuditedUses(hot);
    const outcomes = await Promise.allSettled([record(useOf('a')), record(useOf('bad')), record(useOf('c'))]);
    assert.deepEqual(outcomes, [
      { status: 'fulfilled', value: true },
      { status: 'rejected', reason: poisoned },
      { status: 'fulfilled', value: true },
    ]);
    assert.deepEqual(statements, [['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    assert.equal(most, 1, 'the retries ran one at a time');
  });

  it('runs at most maxInFlight statements at once; what arrives meanwhile goes in the next one', async () => {
    const answers: (() => void)[] = [];
    const { hot, statements } = recordingExecutor((ids) => new Promise((resolve) => answers.push(() => resolve(ids.map((_, n) => n)))));
    // Two turns of the event loop: the batcher's own turn has surely run by then.
    const turns = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    const record = createPostgresAuditedUses(hot, { maxInFlight: 1 });
    const first = record(useOf('a'));
    await turns();
    const rest = [record(useOf('b')), record(useOf('c'))];
    await turns();
    assert.deepEqual(statements, [['a']]);
    answers.shift()?.();
    assert.equal(await first, true);
    await turns();
    assert.deepEqual(statements, [['a'], ['b', 'c']]);
    answers.shift()?.();
    assert.deepEqual(await Promise.all(rest), [true, true]);
  });
});
