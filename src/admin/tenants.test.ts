import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';
import { adminClient, codeOf } from './admin-test-client.ts';

describe('management API: tenants', () => {
  let s: TestServices;
  let app: FastifyInstance;
  let call: ReturnType<typeof adminClient>;
  let acmeKey: string;
  const root = TEST_ADMIN_KEY;

  before(async () => {
    s = await createTestServices({ env: { RP_ID: 'example.com', ORIGINS: 'https://app.example.com' } });
    app = await buildApp(s);
    call = adminClient(app);
    const created = await call('POST', '/tenants', root, { slug: 'acme', rpId: 'acme.example.com', origins: ['https://acme.example.com'], rpName: 'Acme', dialects: { native: {}, biokey: {} } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    acmeKey = created.body.adminKey as string;
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('creates a tenant and answers its first admin key once; the tenant serves at once', async () => {
    const res = await call('POST', '/tenants', root, { slug: 'shop', rpId: 'shop.example.com', origins: ['https://shop.example.com'] });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['adminKey', 'tenant']);
    assert.match(res.body.adminKey, /^sigil_sk_[\w-]{43}$/);
    assert.deepEqual({ ...res.body.tenant, id: 'x', createdAt: 'x', updatedAt: 'x' }, {
      id: 'x', slug: 'shop', rpId: 'shop.example.com', rpName: 'shop', origins: ['https://shop.example.com'], policies: s.core.tenants.bySlug('shop')?.policies,
      integrations: { identityProvider: null, faceTec: null }, dialects: { native: {} }, status: 'active', createdAt: 'x', updatedAt: 'x',
    });
    assert.equal((await app.inject('/t/shop/.well-known/jwks.json')).statusCode, 200);
    const own = await call('GET', '/tenant', res.body.adminKey, undefined);
    assert.equal(own.body.slug, 'shop');
    const [event] = await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 5, action: 'tenant.created', subject: `tenant:${res.body.tenant.id}` });
    assert.deepEqual([event?.subject, event?.detail], [`tenant:${res.body.tenant.id}`, { slug: 'shop', dialects: ['native'] }]);
  });

  it('lists and gets tenants by slug', async () => {
    const list = await call('GET', '/tenants', root);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.tenants.map((t: { slug: string }) => t.slug).slice(0, 2), ['default', 'acme']);
    const acme = await call('GET', '/tenants/acme', root);
    assert.deepEqual([acme.status, acme.body.slug, acme.body.dialects], [200, 'acme', { native: {}, biokey: { insecureLegacyMode: false } }]);
    assert.deepEqual(codeOf(await call('GET', '/tenants/nope', root)), [404, 'tenant_not_found']);
  });

  it('updates RP, origins, policies, integrations and dialect settings, validated', async () => {
    const res = await call('PATCH', '/tenants/acme', root, {
      rpName: 'Acme Inc',
      origins: ['https://acme.example.com', 'https://m.acme.example.com'],
      policies: { userVerification: 'required', accessTokenTtlSeconds: 600 },
      integrations: { identityProvider: { issuer: 'https://idp.acme.example.com', audience: 'sigil', jwksUrl: 'https://idp.acme.example.com/jwks' }, faceTec: { url: 'https://facetec.acme.example.com', deviceKey: 'dk', minMatchLevel: 5 } },
      dialects: { biokey: { insecureLegacyMode: true }, swapbits: {} },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.rpName, 'Acme Inc');
    assert.deepEqual(res.body.origins, ['https://acme.example.com', 'https://m.acme.example.com']);
    assert.deepEqual([res.body.policies.userVerification, res.body.policies.accessTokenTtlSeconds, res.body.policies.attestation], ['required', 600, 'none']);
    assert.deepEqual(res.body.integrations.faceTec, { url: 'https://facetec.acme.example.com', minMatchLevel: 5 }, 'the FaceTec device key is never shown');
    assert.deepEqual(Object.keys(res.body.dialects), ['native', 'biokey', 'swapbits']);
    assert.equal(s.core.tenants.bySlug('acme')?.rpName, 'Acme Inc', 'the directory serves the change at once');
    assert.equal((await s.core.storage.tenants.getBySlug('acme'))?.integrations.faceTec?.deviceKey, 'dk');

    const off = await call('PATCH', '/tenants/acme', root, { dialects: { swapbits: null }, integrations: { faceTec: null } });
    assert.deepEqual([Object.keys(off.body.dialects), off.body.integrations.faceTec], [['native', 'biokey'], null]);
    for (const bad of [{ origins: ['not an origin'] }, { policies: { challengeTtlSeconds: 1 } }, { dialects: { nonsense: {} } }, { rpId: 'Bad Domain' }, { unknown: 1 }, {}]) {
      const refused = await call('PATCH', '/tenants/acme', root, bad);
      assert.deepEqual(codeOf(refused), [400, 'invalid_request'], JSON.stringify(bad));
      assert.notEqual(refused.body.error.message, '', 'the operator is told what is wrong');
    }
    const msg = (await call('PATCH', '/tenants/acme', root, { dialects: { nonsense: {} } })).body.error.message;
    assert.match(msg, /"nonsense" is not a dialect/);
  });

  it('keeps dialect secrets the API never shows through a partial dialect change', async () => {
    const hash = 'ab'.repeat(32);
    await call('POST', '/tenants', root, { slug: 'hooks', rpId: 'hooks.example.com', origins: ['https://hooks.example.com'], dialects: { native: {}, duo: { hookSecretHash: hash } } });
    const shown = await call('GET', '/tenants/hooks', root);
    assert.deepEqual(shown.body.dialects.duo, { hookSecretConfigured: true });
    const patched = await call('PATCH', '/tenants/hooks', root, { dialects: { duo: {}, biokey: { insecureLegacyMode: false } } });
    assert.equal(patched.status, 200);
    assert.deepEqual((await s.core.storage.tenants.getBySlug('hooks'))?.dialects.duo, { hookSecretHash: hash });
    const cleared = await call('PATCH', '/tenants/hooks', root, { dialects: { duo: { hookSecretHash: null } } });
    assert.deepEqual(cleared.body.dialects.duo, { hookSecretConfigured: false });
    assert.deepEqual(codeOf(await call('PATCH', '/tenants/hooks', root, { dialects: { duo: { hookSecretHash: 'not-hex' } } })), [400, 'invalid_request']);
    assert.equal((await s.core.storage.tenants.getBySlug('hooks'))?.dialects.duo?.hookSecretHash, null, 'a refused change stores nothing');
  });

  it("refuses changes the default tenant's configuration owns, and deleting it", async () => {
    const res = await call('PATCH', '/tenants/default', root, { rpId: 'other.example.com' });
    assert.deepEqual(codeOf(res), [400, 'invalid_request']);
    assert.match(res.body.error.message, /come from configuration/);
    assert.deepEqual(codeOf(await call('PATCH', '/tenants/default', root, { status: 'disabled' })), [400, 'invalid_request']);
    assert.deepEqual(codeOf(await call('DELETE', '/tenants/default', root)), [403, 'forbidden']);
    assert.deepEqual(codeOf(await call('PATCH', '/tenants/default', root, { policies: { allowSignUp: false } })), [200, undefined]);
  });

  it('disables a tenant: its public routes answer 404 and its keys 403; enabling restores both', async () => {
    await call('POST', '/tenants', root, { slug: 'paused', rpId: 'paused.example.com', origins: ['https://paused.example.com'] }).then((r) => r.body.adminKey as string).then(async (key) => {
      s.clock.advance(1);
      assert.equal((await call('PATCH', '/tenants/paused', root, { status: 'disabled' })).body.status, 'disabled');
      const publicRoute = await app.inject('/t/paused/.well-known/jwks.json');
      assert.deepEqual([publicRoute.statusCode, publicRoute.json()], [404, { error: { code: 'tenant_not_found', message: 'Unknown tenant.' } }]);
      assert.equal((await app.inject({ url: '/.well-known/jwks.json', headers: { 'x-sigil-tenant': 'paused' } })).statusCode, 404);
      assert.deepEqual(codeOf(await call('GET', '/tenant', key)), [403, 'forbidden']);
      s.clock.advance(1);
      assert.equal((await call('PATCH', '/tenants/paused', root, { status: 'active' })).status, 200);
      assert.equal((await app.inject('/t/paused/.well-known/jwks.json')).statusCode, 200);
      assert.equal((await call('GET', '/tenant', key)).status, 200);
      const actions = (await s.core.storage.audit.list(s.core.tenants.bySlug('paused')?.id ?? '', { limit: 10 })).map((e) => e.action);
      assert.deepEqual(actions.slice(0, 2), ['tenant.enabled', 'tenant.disabled']);
    });
  });

  it('deletes a tenant with everything it owns; its keys stop working', async () => {
    const created = await call('POST', '/tenants', root, { slug: 'gone', rpId: 'gone.example.com', origins: ['https://gone.example.com'] });
    const key = created.body.adminKey as string;
    const user = await call('POST', '/users', key, { username: 'ann' });
    assert.equal(user.status, 201);
    assert.equal((await call('DELETE', '/tenants/gone', root)).status, 204);
    assert.equal(s.core.tenants.bySlug('gone'), undefined);
    assert.equal(await s.core.storage.users.getById(created.body.tenant.id, user.body.id), null);
    assert.deepEqual(codeOf(await call('GET', '/tenant', key)), [401, 'unauthorized']);
    assert.equal((await app.inject('/t/gone/.well-known/jwks.json')).statusCode, 404);
    assert.deepEqual(codeOf(await call('DELETE', '/tenants/gone', root)), [404, 'tenant_not_found']);
  });

  it('refuses without a key (401), and to keys of other tenants or without the scope (403), before validating input', async () => {
    assert.deepEqual(codeOf(await call('GET', '/tenants', null)), [401, 'unauthorized']);
    assert.deepEqual(codeOf(await call('POST', '/tenants', null, { bad: true })), [401, 'unauthorized']);
    const platformOnly = await call('GET', '/tenants', acmeKey);
    assert.deepEqual(codeOf(platformOnly), [403, 'forbidden']);
    assert.match(platformOnly.body.error.message, /platform scope/);
    assert.deepEqual(codeOf(await call('POST', '/tenants', acmeKey, { slug: 'x', rpId: 'x.example.com', origins: ['https://x.example.com'] })), [403, 'forbidden']);
    assert.deepEqual(codeOf(await call('DELETE', '/tenants/default', acmeKey)), [403, 'forbidden']);
    const readOnly = await call('POST', '/api-keys', root, { name: 'reader', scopes: ['tenants:read'] });
    assert.equal((await call('GET', '/tenants', readOnly.body.secret)).status, 200);
    assert.deepEqual(codeOf(await call('PATCH', '/tenants/acme', readOnly.body.secret, { rpName: 'x' })), [403, 'forbidden']);
  });

  it('refuses malformed creations with 400 and a taken slug', async () => {
    for (const bad of [{ slug: 'x' }, { slug: 'Bad Slug', rpId: 'x.example.com', origins: ['https://x.example.com'] }, { slug: 'x', rpId: 'x.example.com', origins: [] }, { slug: 'acme', rpId: 'x.example.com', origins: ['https://x.example.com'] }]) {
      assert.deepEqual(codeOf(await call('POST', '/tenants', root, bad)), [400, 'invalid_request'], JSON.stringify(bad));
    }
  });
});
