import assert from 'node:assert/strict';
import { decodeProtectedHeader } from 'jose';
import { after, before, describe, it } from 'node:test';
import type { SigningKeyRepository } from '../core/ports.ts';
import { issueAccessToken } from '../core/tokens/issue-access-token.ts';
import { verifyAccessToken } from '../core/tokens/verify-access-token.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { createTestServices, type TestServices } from '../testing/test-services.ts';
import { createSealer } from './envelope.ts';
import { createKeyring } from './keyring.ts';

describe('signing keyring', () => {
  let s: TestServices;
  before(async () => {
    s = await createTestServices();
  });
  after(() => s.dispose());

  it('keeps private keys sealed at rest', async () => {
    const [row] = await s.core.storage.signingKeys.listByTenant(s.core.tenants.defaultTenant().id);
    assert.ok(row);
    assert.match(row.sealedPrivateKey, /^s1\./);
    assert.equal(JSON.stringify(row.publicJwk).includes('"d"'), false);
  });

  it('rotation signs new tokens with the new key and publishes the old one until its tokens expired', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const before = await issueAccessToken(s.core, tenant, { userId: 'u', amr: ['passkey'] });
    const oldKid = decodeProtectedHeader(before.token).kid;
    const { kid, retired } = await s.keyring.rotate(tenant.id);
    assert.deepEqual(retired, [oldKid]);
    const afterRotation = await issueAccessToken(s.core, tenant, { userId: 'u', amr: ['passkey'] });
    assert.equal(decodeProtectedHeader(afterRotation.token).kid, kid);
    assert.deepEqual((await s.keyring.jwks(tenant.id)).keys.map((k) => k.kid).sort(), [kid, oldKid].sort());
    assert.equal((await verifyAccessToken(s.core, tenant, before.token)).sub, 'u');
    // Access tokens live 900 s; a node may keep signing with a retired key for one refresh (60 s).
    s.clock.advance(900_000 + 60_000 - 1);
    assert.deepEqual((await s.keyring.jwks(tenant.id)).keys.map((k) => k.kid).sort(), [kid, oldKid].sort());
    s.clock.advance(1);
    assert.deepEqual((await s.keyring.jwks(tenant.id)).keys.map((k) => k.kid), [kid]);
    assert.equal(await s.keyring.verificationKey(tenant.id, oldKid as string), null);
  });

  it('serves the hot path from memory and re-reads only after the refresh interval', async () => {
    let reads = 0;
    const repo = s.core.storage.signingKeys;
    const counting: SigningKeyRepository = { ...repo, listByTenant: (id) => { reads++; return repo.listByTenant(id); } };
    const clock = new FixedClock();
    const keyring = createKeyring({ repo: counting, sealer: createSealer(new Uint8Array(32).fill(0x42)), clock, refreshMs: 60_000, tokenLifetimeMs: () => 900_000 });
    const tenantId = s.core.tenants.defaultTenant().id;
    const first = await keyring.current(tenantId);
    for (let i = 0; i < 100; i++) assert.equal((await keyring.current(tenantId)).kid, first.kid);
    assert.equal(reads, 1);
    clock.advance(60_000);
    await keyring.current(tenantId);
    assert.equal(reads, 2);
  });

  it('creates one key per tenant even when first asked concurrently', async () => {
    const now = s.clock.now();
    const t = { ...s.core.tenants.defaultTenant(), id: 'tenant-keys', slug: 'keys', createdAt: now, updatedAt: now };
    await s.core.storage.tenants.create(t);
    const keys = await Promise.all(Array.from({ length: 10 }, () => s.keyring.current(t.id)));
    assert.equal(new Set(keys.map((k) => k.kid)).size, 1);
    assert.equal((await s.core.storage.signingKeys.listByTenant(t.id)).length, 1);
  });
});
