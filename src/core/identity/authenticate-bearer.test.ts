import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../errors.ts';
import type { RequestContext } from '../deps.ts';
import { issueAccessToken } from '../tokens/issue-access-token.ts';
import { createUser } from '../users/create-user.ts';
import { authenticateBearer } from './authenticate-bearer.ts';
import { startTestIssuer, type TestIssuer } from '../../testing/jwks-issuer.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;
const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'anonymous', logger: { info() {}, warn() {}, error() {} } };

describe('bearer tokens on protected routes', () => {
  let idp: TestIssuer;
  let s: TestServices;
  before(async () => {
    idp = await startTestIssuer();
    s = await createTestServices({ env: { IDP_ISSUER: idp.issuer, IDP_AUDIENCE: 'https://api.example.com', IDP_JWKS_URL: idp.jwksUrl } });
  });
  after(async () => {
    await s.dispose();
    await idp.close();
  });

  it("accepts Sigil's own access token for an active user", async () => {
    const tenant = s.core.tenants.defaultTenant();
    const user = await createUser(s.core, ctx, tenant, { username: 'own-token-user' });
    const { token } = await issueAccessToken(s.core, tenant, { userId: user.id, amr: ['passkey'] });
    const p = await authenticateBearer(s.core, ctx, tenant, token);
    assert.deepEqual([p.source, p.user.id, p.amr], ['sigil', user.id, ['passkey']]);
    assert.equal((await authenticateBearer(s.core, ctx, tenant, token, { acceptSigil: false, acceptIdentityProvider: true }).catch((e: unknown) => e)) instanceof DomainError, true);
  });

  it("maps the provider's sub to one Sigil user, created on first sight, with its scopes", async () => {
    const tenant = s.core.tenants.defaultTenant();
    const token = await idp.sign({ sub: 'auth0|abc', aud: ['https://api.example.com', 'https://idp/userinfo'], scope: 'openid wallet:read' }, { now: s.clock.now() });
    const [a, b] = await Promise.all([authenticateBearer(s.core, ctx, tenant, token), authenticateBearer(s.core, ctx, tenant, token)]);
    assert.equal(a.user.id, b.user.id, 'concurrent first requests agree on one user');
    assert.deepEqual([a.source, a.user.username, a.scopes], ['idp', `auth0|abc@${new URL(idp.issuer).host}`, ['openid', 'wallet:read']]);
    const again = await authenticateBearer(s.core, ctx, tenant, token);
    assert.equal(again.user.id, a.user.id);
    const linked = (await s.core.storage.audit.list(tenant.id, { limit: 100 })).filter((e) => e.action === 'external-identity.linked');
    assert.equal(linked.length, 1);
    assert.equal(idp.fetches(), 1, 'the JWKS is fetched once and cached');
  });

  it('refuses an expired token, a wrong audience, a foreign issuer and a bad signature', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const now = s.clock.now();
    const expired = await idp.sign({ sub: 'x', aud: 'https://api.example.com', exp: Math.floor(now / 1000) - 1 }, { now: now - 7200_000 });
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, expired), code('token_expired'));
    const wrongAud = await idp.sign({ sub: 'x', aud: 'https://other.example.com' }, { now });
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, wrongAud), code('token_invalid'));
    const foreign = await idp.sign({ sub: 'x', aud: 'https://api.example.com', iss: 'https://evil.example.com/' }, { now });
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, foreign), code('token_invalid'));
    const good = await idp.sign({ sub: 'x', aud: 'https://api.example.com' }, { now });
    const [h, p] = good.split('.');
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, `${h}.${p}.${'A'.repeat(342)}`), code('token_invalid'));
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, 'garbage'), code('token_invalid'));
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    await assert.rejects(authenticateBearer(s.core, ctx, tenant, noneAlg), code('token_invalid'));
  });

  it('accepts a provider whose issuer is a bare host name (accounts.google.com style)', async () => {
    const now = s.clock.now();
    const base = s.core.tenants.defaultTenant();
    const bare = { ...base, id: 'bare-issuer', slug: 'bare', createdAt: now, updatedAt: now, integrations: { ...base.integrations, identityProvider: { issuer: 'accounts.example.com', audience: 'https://api.example.com', jwksUrl: idp.jwksUrl } } };
    await s.core.storage.tenants.create(bare);
    const token = await idp.sign({ sub: 'g-1', aud: 'https://api.example.com', iss: 'accounts.example.com' }, { now });
    const p = await authenticateBearer(s.core, ctx, bare, token);
    assert.equal(p.user.username, 'g-1@accounts.example.com');
  });

  it('answers service_unavailable when the provider JWKS cannot be fetched', async () => {
    const now = s.clock.now();
    const other = { ...s.core.tenants.defaultTenant(), id: 'idp-down', slug: 'idp-down', createdAt: now, updatedAt: now };
    const down = { ...other, integrations: { ...other.integrations, identityProvider: { issuer: idp.issuer, audience: 'https://api.example.com', jwksUrl: 'http://127.0.0.1:1/jwks.json' } } };
    const token = await idp.sign({ sub: 'x', aud: 'https://api.example.com' }, { now });
    await assert.rejects(authenticateBearer(s.core, ctx, down, token), code('service_unavailable'));
  });
});
