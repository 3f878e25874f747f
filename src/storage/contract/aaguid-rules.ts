import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';

const A = '00000000-0000-0000-0000-00000000000a';
const B = '00000000-0000-0000-0000-00000000000b';
const C = '00000000-0000-0000-0000-00000000000c';

/** AAGUID rules: upsert all or none, sorted listing, removal by list, clearing, tenant isolation. */
export function describeAaguidRules({ storage, fixtures }: ContractContext): void {
  describe('aaguid rules', () => {
    it('adds and replaces rules, lists them sorted, removes some and clears the rest', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const rules = storage().aaguidRules;
      await rules.putAll(tenant.id, [{ aaguid: B, blockRegistration: true, blockAuthentication: false }, { aaguid: A, blockRegistration: false, blockAuthentication: true }]);
      await rules.putAll(tenant.id, [{ aaguid: B, blockRegistration: true, blockAuthentication: true }, { aaguid: C, blockRegistration: true, blockAuthentication: false }]);
      assert.deepEqual(await rules.list(tenant.id), [
        { aaguid: A, blockRegistration: false, blockAuthentication: true },
        { aaguid: B, blockRegistration: true, blockAuthentication: true },
        { aaguid: C, blockRegistration: true, blockAuthentication: false },
      ]);
      assert.deepEqual(await rules.get(tenant.id, A), { aaguid: A, blockRegistration: false, blockAuthentication: true });
      assert.equal(await rules.remove(tenant.id, [A, '00000000-0000-0000-0000-0000000000ff']), 1);
      assert.equal(await rules.get(tenant.id, A), null);
      assert.equal(await rules.remove(tenant.id, []), 0);
      assert.equal(await rules.clear(tenant.id), 2);
      assert.deepEqual(await rules.list(tenant.id), []);
    });

    it('keeps tenants apart', async () => {
      const [x, y] = [fixtures.tenant(), fixtures.tenant()];
      for (const t of [x, y]) await storage().tenants.create(t);
      await storage().aaguidRules.putAll(x.id, [{ aaguid: A, blockRegistration: true, blockAuthentication: true }]);
      assert.deepEqual(await storage().aaguidRules.list(y.id), []);
      assert.equal(await storage().aaguidRules.get(y.id, A), null);
      assert.equal(await storage().aaguidRules.clear(y.id), 0);
      assert.equal(await storage().aaguidRules.remove(y.id, [A]), 0);
      assert.equal((await storage().aaguidRules.list(x.id)).length, 1);
    });
  });
}
