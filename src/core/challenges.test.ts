import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumeChallenge, issueChallenge } from './challenges.ts';
import { DomainError } from './errors.ts';
import { createTestServices, type TestServices } from '../testing/test-services.ts';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;

describe('challenges', () => {
  let s: TestServices;
  before(async () => {
    s = await createTestServices();
  });
  after(() => s.dispose());

  it('issues 32 random bytes by default, bound to purpose, tenant and user, with the tenant TTL', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'passkey.authentication', userId: 'u1', data: { uv: 'required' } });
    assert.equal(Buffer.from(c.challenge, 'base64url').length, 32);
    assert.equal(c.expiresAt - c.issuedAt, 300_000);
    const used = await consumeChallenge(s.core, tenant.id, c.id, 'passkey.authentication');
    assert.deepEqual(used, c);
  });

  it('is single-use: the second consume finds nothing', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'passkey.authentication' });
    await consumeChallenge(s.core, tenant.id, c.id, 'passkey.authentication');
    await assert.rejects(consumeChallenge(s.core, tenant.id, c.id, 'passkey.authentication'), code('challenge_not_found'));
  });

  it('of 100 concurrent consumes exactly one wins', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'device.verification' });
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => consumeChallenge(s.core, tenant.id, c.id, 'device.verification')));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok(results.every((r) => r.status === 'fulfilled' || code('challenge_not_found')(r.reason)));
  });

  it('expires at its TTL by the frozen clock, and is consumed even then', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'passkey.registration', ttlSeconds: 60 });
    s.clock.advance(60_000);
    await assert.rejects(consumeChallenge(s.core, tenant.id, c.id, 'passkey.registration'), code('challenge_expired'));
    await assert.rejects(consumeChallenge(s.core, tenant.id, c.id, 'passkey.registration'), code('challenge_not_found'));
  });

  it('never serves another purpose, and is spent by the attempt', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'passkey.registration' });
    await assert.rejects(consumeChallenge(s.core, tenant.id, c.id, 'passkey.authentication'), code('challenge_mismatch'));
    await assert.rejects(consumeChallenge(s.core, tenant.id, c.id, 'passkey.registration'), code('challenge_not_found'));
  });

  it('is unknown to another tenant', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const c = await issueChallenge(s.core, tenant, { purpose: 'passkey.registration' });
    await assert.rejects(consumeChallenge(s.core, 'another-tenant', c.id, 'passkey.registration'), code('challenge_not_found'));
    assert.equal((await consumeChallenge(s.core, tenant.id, c.id, 'passkey.registration')).id, c.id);
  });

  it('never repeats a challenge or an id', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const issued = await Promise.all(Array.from({ length: 200 }, () => issueChallenge(s.core, tenant, { purpose: 'passkey.registration' })));
    assert.equal(new Set(issued.map((c) => c.challenge)).size, 200);
    assert.equal(new Set(issued.map((c) => c.id)).size, 200);
  });
});
