import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKyselyStorage, type KyselyStorage } from './create-kysely-storage.ts';
import { migrateToLatest } from './migrate.ts';
import { precompile } from './precompiled.ts';

describe('precompiled queries', () => {
  let storage: KyselyStorage;
  before(async () => {
    storage = createKyselyStorage({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(storage);
  });
  after(() => storage.close());

  it('runs with each call’s arguments in the compiler’s parameter order, constants kept', async () => {
    const query = precompile<[string, number], { n: number }>(storage.db, 2, (name, limit) =>
      storage.db.selectFrom('tenants').select(({ fn }) => fn.countAll<number>().as('n')).where('slug', '=', name).where('created_at', '<', limit).where('rp_id', '<>', 'constant'),
    );
    assert.deepEqual((await query('nobody', 10)).rows.map((r) => Number(r.n)), [0]);
  });

  it('refuses a build that ignores an argument', () => {
    assert.throws(() => precompile<[string], unknown>(storage.db, 1, () => storage.db.selectFrom('tenants').selectAll()), /does not use every argument/);
  });
});
