import assert from 'node:assert/strict';
import { createPublicKey, sign, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { createTestServices, TEST_ADMIN_KEY, TEST_MASTER_KEY, type TestServices } from '../testing/test-services.ts';
import { createSealer } from './envelope.ts';
import { createAppKeyring } from './app-keyring.ts';

describe('app keyring (RS256 keys of the ID tokens apps verify)', () => {
  let s: TestServices;
  before(async () => {
    s = await createTestServices();
  });
  after(() => s.dispose());

  it('makes a 2048-bit RSA key on first use, sealed at rest and bound to its tenant and kid', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const key = await s.appKeyring.current(tenant.id);
    assert.equal(key.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    const [row] = await s.core.storage.appSigningKeys.listByTenant(tenant.id);
    assert.ok(row);
    assert.equal(row.kid, key.kid);
    assert.match(row.sealedPrivateKey, /^s1\./);
    assert.equal(createPublicKey(row.publicPem).asymmetricKeyType, 'rsa');
    const sealer = createSealer(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    assert.equal(sealer.open(row.sealedPrivateKey, `app-signing-key|${tenant.id}|${row.kid}`).byteLength > 1000, true);
    assert.throws(() => sealer.open(row.sealedPrivateKey, `app-signing-key|other-tenant|${row.kid}`));
    assert.equal((await s.appKeyring.current(tenant.id)).kid, key.kid, 'the same key is used again');
  });

  it('rotates through the management API: a new key signs, the old one is retired, and other nodes pick it up', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const before = await s.appKeyring.current(tenant.id);
    const app = await buildApp(s);
    const res = await app.inject({ method: 'POST', url: '/admin/v1/app-signing-keys/rotate', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    await app.close();
    assert.equal(res.statusCode, 200, res.body);
    const { kid, retired } = res.json() as { kid: string; retired: string[] };
    assert.deepEqual(retired, [before.kid]);
    const after = await s.appKeyring.current(tenant.id);
    assert.equal(after.kid, kid);
    const rows = await s.core.storage.appSigningKeys.listByTenant(tenant.id);
    // Both keys were made in the same (frozen) millisecond, so the listing's order is the kid's: compare as a set.
    assert.deepEqual(rows.map((r) => [r.kid, r.status]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))), [[kid, 'active'], [before.kid, 'retired']]);
    const other = createAppKeyring({ repo: s.core.storage.appSigningKeys, sealer: createSealer(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64'))), clock: s.clock, refreshMs: 60_000 });
    const seen = await other.current(tenant.id);
    assert.equal(seen.kid, kid);
    const message = Buffer.from('payload');
    assert.equal(verify('sha256', message, createPublicKey(after.publicPem), sign('sha256', message, seen.privateKey)), true);
  });
});
