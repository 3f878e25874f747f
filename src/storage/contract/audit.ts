import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeAudit({ storage, executeRaw, fixtures }: ContractContext): void {
  describe('audit events', () => {
    const seed = async (count: number) => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const events = Array.from({ length: count }, (_, i) =>
        fixtures.auditEvent(tenant.id, {
          at: T0 + 1000 * i,
          actor: `user:${i}`,
          subject: i % 2 === 0 ? `credential:${i}` : null,
          outcome: i % 3 === 0 ? 'failure' : 'success',
          requestId: i % 2 === 0 ? `req-${i}` : null,
          detail: i % 2 === 0 ? { code: 'signature_invalid', attempts: i, nested: { ok: false, list: [1, 'two', null] } } : null,
        }),
      );
      for (const event of events) await storage().audit.append(event);
      return { tenantId: tenant.id, newestFirst: [...events].reverse() };
    };

    it('lists newest first, every field exact', async () => {
      const { tenantId, newestFirst } = await seed(4);
      assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), newestFirst);
    });

    it('pages backwards with `before` (exclusive) and `limit`', async () => {
      const { tenantId, newestFirst } = await seed(5);
      const first = await storage().audit.list(tenantId, { limit: 2 });
      const second = await storage().audit.list(tenantId, { limit: 2, before: first[1]?.at });
      const third = await storage().audit.list(tenantId, { limit: 2, before: second[1]?.at });
      assert.deepEqual([...first, ...second, ...third], newestFirst);
      assert.deepEqual(await storage().audit.list(tenantId, { limit: 2, before: newestFirst[4]?.at }), []);
    });

    it('refuses UPDATE and DELETE on the audit table in the database itself', async (t) => {
      const execute = executeRaw();
      if (execute === undefined) return t.skip('this store has no SQL to tamper with');
      const { tenantId, newestFirst } = await seed(2);
      await assert.rejects(execute(`update audit_events set action = 'tampered'`), /append-only/);
      await assert.rejects(execute(`delete from audit_events where tenant_id = '${tenantId}'`), /append-only/);
      assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), newestFirst);
    });
  });
}
