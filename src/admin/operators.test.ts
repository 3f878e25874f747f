import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { issueFirstEnrollment } from '../core/operators/enrollment-links.ts';
import { buildApp } from '../http/app.ts';
import { SoftwareAuthenticator } from '../testing/authenticator/software-authenticator.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';
import { adminClient, codeOf } from './admin-test-client.ts';

const ORIGIN = 'http://localhost:8080';
const LINK = /^http:\/\/localhost:8080\/console\/(\?tenant=[a-z-]+)?#enroll=(sigil_oe_[\w-]{43})$/;

describe('management API: console operators and their enrollment links', () => {
  let s: TestServices;
  let app: FastifyInstance;
  let call: ReturnType<typeof adminClient>;
  let otherKey: string;
  const root = TEST_ADMIN_KEY;

  before(async () => {
    s = await createTestServices();
    app = await buildApp(s);
    call = adminClient(app);
    otherKey = (await call('POST', '/tenants', root, { slug: 'other', rpId: 'other.example.com', origins: ['https://other.example.com'] })).body.adminKey as string;
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  const post = async (url: string, body: unknown) => {
    const res = await app.inject({ method: 'POST', url, payload: body as object });
    return { status: res.statusCode, body: (res.body === '' ? null : res.json()) as Record<string, unknown> };
  };
  const secretOf = (url: unknown): string => {
    const m = LINK.exec(String(url));
    assert.ok(m?.[2], `an enrollment URL, got ${String(url)}`);
    return m[2];
  };
  /** Both steps of an enrollment, the second not yet sent: `finish()` sends it. */
  async function startEnrollment(link: string, username: string, tenant?: string) {
    const authenticator = new SoftwareAuthenticator({ seed: username });
    const start = await post('/console/api/enroll/options', { link, username, ...(tenant ? { tenant } : {}) });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const options = start.body.options as { challenge: string };
    const response = authenticator.register({ challenge: options.challenge, rpId: 'localhost', origin: ORIGIN });
    return { finish: () => post('/console/api/enroll/result', { link, session: start.body.session, response, ...(tenant ? { tenant } : {}) }) };
  }

  it('makes a link (holders of every scope only), enrolls with it once, lists and removes operators, in the caller’s tenant only', async () => {
    const made = await call('POST', '/operator-enrollments', root);
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.expiresAt, new Date(s.clock.now() + 86_400_000).toISOString());
    const enrolled = await (await startEnrollment(secretOf(made.body.url), 'ops-one')).finish();
    assert.equal(enrolled.status, 204, JSON.stringify(enrolled.body));

    const { body } = await call('GET', '/operators', root);
    const [only] = body.operators;
    assert.deepEqual(body.operators, [{ userId: only.userId, username: 'ops-one', displayName: 'ops-one', status: 'active', scopes: ['*'], createdAt: new Date(s.clock.now()).toISOString() }]);
    assert.deepEqual((await call('GET', '/operators', otherKey)).body, { operators: [] });

    const limited = (await call('POST', '/api-keys', root, { name: 'helpdesk', scopes: ['users:read', 'users:write'] })).body.secret as string;
    assert.deepEqual(codeOf(await call('POST', '/operator-enrollments', limited)), [403, 'forbidden']);
    assert.deepEqual(codeOf(await call('DELETE', `/operators/${only.userId}`, limited)), [403, 'forbidden']);
    assert.deepEqual(codeOf(await call('DELETE', `/operators/${only.userId}`, otherKey)), [404, 'not_found']);
    assert.deepEqual(codeOf(await call('GET', '/operators', null)), [401, 'unauthorized']);

    assert.equal((await call('DELETE', `/operators/${only.userId}`, root)).status, 204);
    assert.deepEqual((await call('GET', '/operators', root)).body, { operators: [] });
    assert.deepEqual(codeOf(await call('DELETE', `/operators/${only.userId}`, root)), [404, 'not_found']);
    const removed = (await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 100 })).filter((e) => e.action === 'operator.removed');
    assert.deepEqual(removed.map((e) => [e.subject, e.actor]), [[`user:${only.userId}`, `api-key:${(await s.core.storage.apiKeys.listByTenant(s.core.tenants.defaultTenant().id)).find((k) => k.name === 'ADMIN_API_KEY')?.id}`]]);
  });

  it('a link is refused once replaced, once expired, and for another tenant; another tenant’s link names its slug', async () => {
    const first = secretOf((await call('POST', '/operator-enrollments', root)).body.url);
    await call('POST', '/users', root, { username: 'taken' });
    assert.deepEqual((await post('/console/api/enroll/options', { link: first, username: 'taken' })).body, { error: { code: 'username_taken', message: 'The username is already registered.' } });
    const second = secretOf((await call('POST', '/operator-enrollments', root)).body.url);
    assert.deepEqual((await post('/console/api/enroll/options', { link: first, username: 'late' })).body, { error: { code: 'unauthorized', message: 'Authentication is required.' } });
    assert.equal((await post('/console/api/enroll/options', { link: second, username: 'other-ops', tenant: 'other' })).status, 401);

    const other = await call('POST', '/operator-enrollments', otherKey);
    assert.match(String(other.body.url), /\/console\/\?tenant=other#enroll=/);
    const otherSecret = secretOf(other.body.url);
    assert.equal((await post('/console/api/enroll/options', { link: otherSecret, username: 'x' })).status, 401, 'not a link of the default tenant');

    const pending = await startEnrollment(second, 'ops-late');
    s.clock.advance(86_400_000);
    assert.equal((await pending.finish()).status, 401);
    assert.equal((await post('/console/api/enroll/options', { link: otherSecret, username: 'y', tenant: 'other' })).status, 401);
  });

  it('two browsers finishing with one link make exactly one operator, and the failed ceremony is audited', async () => {
    const link = secretOf((await call('POST', '/operator-enrollments', root)).body.url);
    const failuresBefore = (await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 200 })).filter((e) => e.action === 'operator.enrolled' && e.outcome === 'failure');
    const [a, b] = [await startEnrollment(link, 'race-a'), await startEnrollment(link, 'race-b')];
    const results = await Promise.all([a.finish(), b.finish()]);
    assert.deepEqual(results.map((r) => r.status).sort(), [204, 401]);
    const names = (await call('GET', '/operators', root)).body.operators.map((o: { username: string }) => o.username);
    assert.equal(names.length, 1);
    assert.ok(['race-a', 'race-b'].includes(names[0]));
    const loser = names[0] === 'race-a' ? 'race-b' : 'race-a';
    assert.equal(await s.core.storage.users.getByUsername(s.core.tenants.defaultTenant().id, loser), null, 'the loser left no user behind');
    const failures = async () => (await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 200 })).filter((e) => e.action === 'operator.enrolled' && e.outcome === 'failure');
    const after = await failures();
    assert.deepEqual(after.filter((e) => !failuresBefore.some((b) => b.id === e.id)).map((e) => e.detail), [{ code: 'unauthorized' }]);
  });

  it('the first start issues a link only while the default tenant has neither an operator nor a link', async () => {
    const fresh = await createTestServices();
    try {
      const ctx = { requestId: null, ip: null, actor: 'system', logger: fresh.logger };
      const tenant = fresh.core.tenants.defaultTenant();
      const first = await issueFirstEnrollment(fresh.core, ctx, tenant, 600);
      assert.ok(first);
      assert.equal(first.expiresAt, fresh.clock.now() + 600_000);
      assert.equal(await issueFirstEnrollment(fresh.core, ctx, tenant, 600), null, 'a second start prints nothing (the CLI renews)');
    } finally {
      await fresh.dispose();
    }
  });
});
