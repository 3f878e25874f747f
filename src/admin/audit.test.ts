import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';

describe('management API: audit log paging', () => {
  let s: TestServices;
  let app: FastifyInstance;
  const headers = { 'x-api-key': TEST_ADMIN_KEY };
  const list = async (query: string) => {
    const res = await app.inject({ url: `/admin/v1/audit?${query}`, headers });
    return { status: res.statusCode, body: res.json() as { events: { id: string; at: number; action: string }[]; nextCursor: string | null } };
  };

  before(async () => {
    s = await createTestServices({ env: { RP_ID: 'example.com', ORIGINS: 'https://app.example.com' } });
    app = await buildApp(s);
    const tenantId = s.core.tenants.defaultTenant().id;
    // Seven events in the frozen clock's millisecond, one a millisecond earlier.
    const at = s.clock.now();
    await s.core.storage.audit.append({ id: '00000000-0000-7000-8000-000000000001', tenantId, at: at - 1, actor: 'system', action: 'test.earlier', subject: null, outcome: 'success', requestId: null, detail: null });
    for (let i = 2; i <= 8; i++) {
      await s.core.storage.audit.append({ id: `00000000-0000-7000-8000-00000000000${i}`, tenantId, at, actor: 'system', action: `test.same-ms-${i}`, subject: null, outcome: 'success', requestId: null, detail: null });
    }
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('pages with nextCursor through events that share a millisecond, each once, to a last page without a cursor', async () => {
    const all = await list('limit=500');
    assert.equal(all.status, 200);
    assert.equal(all.body.nextCursor, null);
    const seeded = all.body.events.filter((e) => e.action.startsWith('test.')).map((e) => e.action);
    assert.deepEqual(seeded, ['test.same-ms-8', 'test.same-ms-7', 'test.same-ms-6', 'test.same-ms-5', 'test.same-ms-4', 'test.same-ms-3', 'test.same-ms-2', 'test.earlier']);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(cursor === null ? 'limit=3' : `limit=3&after=${cursor}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.events.map((e) => e.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    assert.deepEqual(seen, all.body.events.map((e) => e.id));
  });

  it('gives the last event of a full page as the cursor, and none for a short page', async () => {
    const first = await list('limit=2');
    const last = first.body.events[1];
    assert.equal(first.body.nextCursor, `${last?.at}.${last?.id}`);
    const rest = await list('limit=500&after=' + first.body.nextCursor);
    assert.equal(rest.body.nextCursor, null);
  });

  it('refuses a malformed cursor in the API envelope', async () => {
    for (const bad of ['x', '12', '12.', '.abc', '12.a b', `${'9'.repeat(16)}.abc`, '12.abc;drop']) {
      const res = await app.inject({ url: `/admin/v1/audit?after=${encodeURIComponent(bad)}`, headers });
      assert.equal(res.statusCode, 400, bad);
      assert.equal((res.json() as { error: { code: string } }).error.code, 'invalid_request');
    }
  });
});
