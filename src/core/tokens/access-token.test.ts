import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../errors.ts';
import type { RequestContext } from '../deps.ts';
import { issueAccessToken } from './issue-access-token.ts';
import { revokeAccessToken } from './revoke-access-token.ts';
import { verifyAccessToken } from './verify-access-token.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;
const silent = { info() {}, warn() {}, error() {} };
const ctx: RequestContext = { requestId: 'req-1', ip: '127.0.0.1', actor: 'system', logger: silent };

describe('access tokens', () => {
  let s: TestServices;
  before(async () => {
    s = await createTestServices();
  });
  after(() => s.dispose());

  it('carries iss, sub, aud, iat, exp, jti, tenant, amr and cred, and verifies with the published JWKS', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const issued = await issueAccessToken(s.core, tenant, { userId: 'user-1', amr: ['passkey'], credentialId: new Uint8Array([1, 2, 3]) });
    const now = Math.floor(s.clock.now() / 1000);
    assert.deepEqual({ ...issued.claims, jti: 'x' }, {
      iss: 'http://localhost:8080', sub: 'user-1', aud: 'localhost', iat: now, exp: now + 900, jti: 'x', tenant: tenant.id, amr: ['passkey'], cred: 'AQID',
    });
    assert.equal(Buffer.from(issued.claims.jti, 'base64url').length, 16);
    const header = decodeProtectedHeader(issued.token);
    assert.deepEqual(header, { alg: 'ES256', kid: header.kid, typ: 'at+jwt' });
    // What a relying backend does: verify with the JWKS document alone.
    const jwks = createLocalJWKSet(await s.keyring.jwks(tenant.id));
    const { payload } = await jwtVerify(issued.token, jwks, { issuer: 'http://localhost:8080', audience: 'localhost', currentDate: new Date(s.clock.now()) });
    assert.equal(payload.sub, 'user-1');
    assert.deepEqual(await verifyAccessToken(s.core, tenant, issued.token), issued.claims);
  });

  it('carries scope, username and a confirmed transaction only when asked', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const plain = await issueAccessToken(s.core, tenant, { userId: 'user-1', amr: ['passkey'] });
    assert.deepEqual(Object.keys(plain.claims).sort(), ['amr', 'aud', 'exp', 'iat', 'iss', 'jti', 'sub', 'tenant']);
    const rich = await issueAccessToken(s.core, tenant, { userId: 'user-1', amr: ['passkey'], scopes: ['passkey:read', 'reg:write'], username: 'alice', transaction: { id: 'tx-1', payloadHash: 'ab' } });
    assert.deepEqual([rich.claims.scope, rich.claims.username, rich.claims.txn, rich.claims.txh], ['passkey:read reg:write', 'alice', 'tx-1', 'ab']);
    assert.deepEqual(await verifyAccessToken(s.core, tenant, rich.token), rich.claims);
  });

  it('is refused once expired by the core clock', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const issued = await issueAccessToken(s.core, tenant, { userId: 'user-1', amr: ['passkey'] });
    s.clock.advance(900_000);
    await assert.rejects(verifyAccessToken(s.core, tenant, issued.token), code('token_expired'));
  });

  it('is refused when tampered with, or signed by a key the tenant never published', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const { token } = await issueAccessToken(s.core, tenant, { userId: 'user-1', amr: ['passkey'] });
    const [h, p, sig] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    await assert.rejects(verifyAccessToken(s.core, tenant, `${h}.${forged}.${sig}`), code('token_invalid'));
    const otherKid = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'nope', typ: 'at+jwt' })).toString('base64url');
    await assert.rejects(verifyAccessToken(s.core, tenant, `${otherKid}.${p}.${sig}`), code('token_invalid'));
    await assert.rejects(verifyAccessToken(s.core, tenant, 'not.a.jwt'), code('token_invalid'));
  });

  it('is refused after revocation by jti, and the revocation is audited', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const issued = await issueAccessToken(s.core, tenant, { userId: 'user-9', amr: ['hwk'] });
    await revokeAccessToken(s.core, ctx, tenant, issued.claims);
    await assert.rejects(verifyAccessToken(s.core, tenant, issued.token), code('token_revoked'));
    const [event] = await s.core.storage.audit.list(tenant.id, { limit: 1 });
    assert.deepEqual({ action: event?.action, subject: event?.subject, detail: event?.detail, requestId: event?.requestId }, {
      action: 'token.revoked', subject: 'user:user-9', detail: { jti: issued.claims.jti }, requestId: 'req-1',
    });
  });

  it('of one tenant is refused by another', async () => {
    const now = s.clock.now();
    const other = { ...s.core.tenants.defaultTenant(), id: 'tenant-b', slug: 'b', createdAt: now, updatedAt: now };
    await s.core.storage.tenants.create(other);
    s.core.tenants.put(other);
    const issued = await issueAccessToken(s.core, s.core.tenants.defaultTenant(), { userId: 'user-1', amr: ['passkey'] });
    await assert.rejects(verifyAccessToken(s.core, other, issued.token), code('token_invalid'));
  });
});
