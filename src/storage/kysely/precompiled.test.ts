import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKyselyStorage, type KyselyStorage } from './create-kysely-storage.ts';
import { migrateToLatest } from './migrate.ts';
import { kyselyHotPathExecutor } from './hot-path-executor.ts';
import { precompile } from './precompiled.ts';
import { createFixtures } from '../contract/fixtures.ts';

describe('precompiled queries', () => {
  let storage: KyselyStorage;
  before(async () => {
    storage = createKyselyStorage({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(storage);
  });
  after(() => storage.close());

  it('runs with each call’s arguments in the compiler’s parameter order, constants kept', async () => {
    const tenant = createFixtures('precompiled').tenant({ slug: 'pc-shop', createdAt: 1000 });
    await storage.tenants.create(tenant);
    const query = precompile<[string, number], { n: number }>(kyselyHotPathExecutor(storage.db), 2, (slug, before) =>
      storage.db.selectFrom('tenants').select(({ fn }) => fn.countAll<number>().as('n')).where('slug', '=', slug).where('created_at', '<', before).where('rp_id', '<>', 'constant'),
    );
    const count = async (slug: string, before: number) => Number((await query(slug, before)).rows[0]?.n);
    assert.equal(await count('pc-shop', 1001), 1);
    assert.equal(await count('pc-shop', 1000), 0, 'the second argument binds the second placeholder');
    assert.equal(await count('nobody', 1001), 0, 'the first argument binds the first placeholder');
  });

  it('refuses a build that ignores an argument, at its first call (before anything runs)', () => {
    const run = precompile<[string], unknown>(kyselyHotPathExecutor(storage.db), 1, () => storage.db.selectFrom('tenants').selectAll());
    assert.throws(() => run('x'), /does not use every argument/);
  });
});
