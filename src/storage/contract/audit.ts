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

    it('pages behind a cursor without skipping or repeating events of the same millisecond', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      // Five events in one millisecond and one before: a time cursor alone would lose three.
      const ids = ['00000000-0000-7000-8000-00000000000a', '00000000-0000-7000-8000-00000000000b', '00000000-0000-7000-8000-00000000000c', '00000000-0000-7000-8000-00000000000d', '00000000-0000-7000-8000-00000000000e'];
      const events = [fixtures.auditEvent(tenant.id, { at: T0 - 1 }), ...ids.map((id) => fixtures.auditEvent(tenant.id, { id, at: T0 }))];
      for (const event of [...events].reverse()) await storage().audit.append(event);
      const expected = [...events.slice(1).reverse(), events[0]];
      const pages: string[][] = [];
      let after: { at: number; id: string } | undefined;
      for (;;) {
        const page = await storage().audit.list(tenant.id, { limit: 2, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        pages.push(page.map((e) => e.id));
        const last = page[page.length - 1] as (typeof page)[number];
        after = { at: last.at, id: last.id };
      }
      assert.deepEqual(pages, [
        [ids[4], ids[3]],
        [ids[2], ids[1]],
        [ids[0], events[0]?.id],
      ]);
      assert.deepEqual(pages.flat(), expected.map((e) => e?.id));
      assert.deepEqual(await storage().audit.list(tenant.id, { limit: 10, before: T0, after: { at: T0, id: ids[2] as string } }), [events[0]], 'before and after together');
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
