/** The MPC node's hooks over HTTP: hook secret, DKG and DSG validation, key-id notification, transactions. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordTransaction } from '../../core/transactions/record-transaction.ts';
import { ACME_HOOK_SECRET, HOOK_SECRET, nextInstance, nodeDevice, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness, Reply, TestDevice } from './duo-harness.ts';

const codeOf = (res: Reply): [number, number | undefined] => [res.status, (res.body as { error?: { code: number } }).error?.code];

describe('Duo: hook authentication', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  const body = () => ({ token: nodeDevice().hex, setup: {}, instance: nextInstance() });

  it('refuses a call without the secret or with a wrong one (401 100101)', async () => {
    const res = await h.hook('dkg-setup-validation', body(), null);
    assert.deepEqual([res.status, res.body], [401, { error: { code: 100101, message: 'Authentication is required.' } }]);
    for (const secret of ['wrong secret value', HOOK_SECRET.slice(0, -1), `${HOOK_SECRET}x`, ACME_HOOK_SECRET]) {
      for (const path of ['dkg-setup-validation', 'key-id-notification', 'dsg-setup-validation']) {
        assert.deepEqual(codeOf(await h.hook(path, body(), secret)), [401, 100101], `${path} with ${secret}`);
      }
    }
    const basic = await h.call('POST', '/hooks/dkg-setup-validation', { body: body(), headers: { authorization: `Basic ${Buffer.from(`x:${HOOK_SECRET}`).toString('base64')}` } });
    assert.deepEqual(codeOf(basic), [401, 100101]);
  });

  it("takes each tenant's own secret under /t/<slug>/", async () => {
    assert.equal((await h.hook('dkg-setup-validation', body(), ACME_HOOK_SECRET, '/t/acme')).body, 'reject', 'authenticated; unknown device');
    assert.deepEqual(codeOf(await h.hook('dkg-setup-validation', body(), HOOK_SECRET, '/t/acme')), [401, 100101]);
  });

  it('refuses every call when the tenant has no secret configured (403 100105)', async () => {
    const tenant = h.s.core.tenants.bySlug('acme')!;
    h.s.core.tenants.put({ ...tenant, dialects: { ...tenant.dialects, duo: { hookSecretHash: null } } });
    try {
      for (const secret of [ACME_HOOK_SECRET, null, '']) {
        assert.deepEqual(codeOf(await h.hook('dsg-setup-validation', { ...body(), setup: { key_id: ['ab'] } }, secret, '/t/acme')), [403, 100105]);
      }
    } finally {
      h.s.core.tenants.put(tenant);
    }
  });

  it('refuses malformed hook bodies with 400 100001 and never 500', async () => {
    const bad: unknown[] = [{}, { token: 'ab', setup: {} }, { token: 'ab', setup: {}, instance: 'xyz' }, { token: 'ab', setup: 'x', instance: 'abcd' }, []];
    for (const b of bad) assert.deepEqual(codeOf(await h.hook('dkg-setup-validation', b)), [400, 100001], JSON.stringify(b));
    assert.deepEqual(codeOf(await h.hook('key-id-notification', { token: 'ab', key_id: 'not hex', instance: 'abcd' })), [400, 100001]);
    assert.deepEqual(codeOf(await h.hook('dsg-setup-validation', { token: 'ab', setup: { other: ['ab'] }, instance: 'abcd' })), [400, 100001]);
  });
});

describe('Duo: DKG, key-id and DSG hooks', () => {
  let h: DuoHarness;
  let alice: string;
  let aliceDevice: TestDevice;
  let bob: string;
  let bobDevice: TestDevice;
  const KEY = '0f'.repeat(32);
  before(async () => {
    h = await startDuoHarness();
    alice = await h.token('auth0|alice');
    aliceDevice = nodeDevice();
    await h.registerDevice(alice, aliceDevice);
    bob = await h.token('auth0|bob');
    bobDevice = nodeDevice();
    await h.registerDevice(bob, bobDevice);
  });
  after(() => h.close());

  it('answers DKG setup "ok" (a JSON string) for a registered device, "reject" for anything else', async () => {
    const ok = await h.hook('dkg-setup-validation', { token: aliceDevice.hex, setup: { user_tag_1: ['01', '02'] }, instance: nextInstance() });
    assert.deepEqual([ok.status, ok.raw.body, ok.raw.headers['content-type']], [200, '"ok"', 'application/json; charset=utf-8']);
    assert.equal((await h.hook('dkg-setup-validation', { token: aliceDevice.hex.toUpperCase(), setup: {}, instance: nextInstance() })).body, 'ok');
    for (const token of [nodeDevice().hex, 'zz', `04${'11'.repeat(64)}`, '']) {
      const res = await h.hook('dkg-setup-validation', { token, setup: {}, instance: nextInstance() });
      assert.deepEqual([res.status, res.raw.body], [200, '"reject"'], token);
    }
  });

  it('records a notified key id for the device that ran the DKG, and lists it in /v2/keys', async () => {
    assert.deepEqual(await h.generateKey(aliceDevice, KEY), ['ok', 'ok']);
    assert.deepEqual((await h.call('GET', '/v2/keys', { token: alice })).body, { keys: [{ key_id: KEY, created_at: '2026-11-23T12:00:00.000Z' }] });
    assert.deepEqual((await h.call('GET', '/v2/keys', { token: bob })).body, { keys: [] });
    const retry = await h.hook('key-id-notification', { token: aliceDevice.hex, key_id: KEY.toUpperCase(), instance: nextInstance() });
    assert.equal(retry.body, 'ok', 'a repeat for the same user is idempotent');
  });

  it('refuses a key id without an approved DKG of that device, or one another user holds', async () => {
    const orphan = await h.hook('key-id-notification', { token: aliceDevice.hex, key_id: '1f'.repeat(32), instance: nextInstance() });
    assert.equal(orphan.body, 'reject');
    const instance = nextInstance();
    await h.hook('dkg-setup-validation', { token: aliceDevice.hex, setup: {}, instance });
    assert.equal((await h.hook('key-id-notification', { token: bobDevice.hex, key_id: '2f'.repeat(32), instance })).body, 'reject', "bob cannot claim alice's DKG");
    assert.deepEqual(await h.generateKey(bobDevice, KEY), ['ok', 'reject']);
    assert.deepEqual((await h.call('GET', '/v2/keys', { token: bob })).body, { keys: [] });
  });

  it('answers DSG setup "ok" only for a device of the key’s owner, recording every validation as a transaction', async () => {
    const i1 = nextInstance();
    const ok = await h.hook('dsg-setup-validation', { token: aliceDevice.hex, setup: { key_id: [KEY], message_hash: ['aa'] }, instance: i1 });
    assert.deepEqual([ok.status, ok.raw.body], [200, '"ok"']);
    h.s.clock.advance(1_000);
    assert.equal((await h.hook('dsg-setup-validation', { token: aliceDevice.hex, setup: { key_id: KEY }, instance: nextInstance() })).body, 'ok', 'a bare string key id');
    h.s.clock.advance(-1_000);
    const i3 = nextInstance();
    assert.equal((await h.hook('dsg-setup-validation', { token: bobDevice.hex, setup: { key_id: [KEY] }, instance: i3 })).body, 'reject');
    assert.equal((await h.hook('dsg-setup-validation', { token: aliceDevice.hex, setup: { key_id: ['3f'.repeat(32)] }, instance: nextInstance() })).body, 'reject');
    assert.equal((await h.hook('dsg-setup-validation', { token: aliceDevice.hex, setup: { key_id: [KEY, KEY] }, instance: nextInstance() })).body, 'reject');
    assert.equal((await h.hook('dsg-setup-validation', { token: nodeDevice().hex, setup: { key_id: [KEY] }, instance: nextInstance() })).body, 'reject');

    const aliceTx = (await h.call('GET', '/transactions', { token: alice })).body as { transactions: Record<string, string>[] };
    const summary = aliceTx.transactions.map((t) => [t.key_id, t.status, t.created_at].join(' '));
    // Newest first; the two of the same millisecond come in either order.
    assert.equal(summary[0], `${KEY} approved 2026-11-23T12:00:01.000Z`);
    assert.deepEqual(summary.slice(1).sort(), [`${KEY} approved 2026-11-23T12:00:00.000Z`, `${'3f'.repeat(32)} rejected 2026-11-23T12:00:00.000Z`]);
    assert.ok(aliceTx.transactions.some((t) => t.instance === i1));
    assert.equal(aliceTx.transactions.length, 3);
    assert.deepEqual(Object.keys(aliceTx.transactions[0]!), ['id', 'key_id', 'device_verifying_key', 'instance', 'status', 'created_at']);
    assert.equal(aliceTx.transactions[0]!.device_verifying_key, aliceDevice.hex);
    const bobTx = (await h.call('GET', '/transactions', { token: bob })).body as { transactions: Record<string, string>[] };
    assert.deepEqual(bobTx.transactions.map((t) => [t.key_id, t.status, t.instance]), [[KEY, 'rejected', i3]]);
    assert.equal(((await h.call('GET', '/transactions?limit=1', { token: alice })).body as { transactions: unknown[] }).transactions.length, 1);
    assert.deepEqual(codeOf(await h.call('GET', '/transactions?limit=0', { token: alice })), [400, 100001]);
  });

  it('lists in /transactions only DSG validations, not transactions the user confirmed through other dialects', async () => {
    const tenant = h.s.core.tenants.defaultTenant();
    const before = (await h.call('GET', '/transactions', { token: bob })).body as { transactions: Record<string, string>[] };
    const bobId = (await h.s.core.storage.users.getByUsername(tenant.id, `auth0|bob@${new URL(h.idp.issuer).host}`))!.id;
    const ctx = { requestId: null, ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };
    await recordTransaction(h.s.core, ctx, tenant, { userId: bobId, type: 'raw', payload: 'pay Bob', status: 'approved', evidence: { kind: 'mpc-session', deviceKey: bobDevice.hex, instance: nextInstance() } });
    assert.deepEqual((await h.call('GET', '/transactions', { token: bob })).body, before);
  });

  it('refuses a revoked device on every hook', async () => {
    const carol = await h.token('auth0|carol');
    const device = nodeDevice();
    await h.registerDevice(carol, device);
    const tenant = h.s.core.tenants.defaultTenant();
    const credential = (await h.s.core.storage.credentials.getByCredentialId(tenant.id, new Uint8Array(await crypto.subtle.digest('SHA-256', spkiOf(device.hex)))))!;
    await h.s.core.storage.credentials.setStatus(tenant.id, credential.id, 'revoked', h.s.clock.now());
    assert.deepEqual(await h.generateKey(device, '4f'.repeat(32)), ['reject', 'reject']);
  });

  it('serves the hooks under /t/<slug>/ on that tenant’s devices only', async () => {
    const token = await h.acmeToken('auth0|acme-hooks');
    const device = nodeDevice();
    assert.equal((await h.registerDevice(token, device, {}, '/t/acme')).status, 201);
    assert.deepEqual(await h.generateKey(device, KEY), ['reject', 'reject'], 'unknown to the default tenant');
    const instance = nextInstance();
    assert.equal((await h.hook('dkg-setup-validation', { token: device.hex, setup: {}, instance }, ACME_HOOK_SECRET, '/t/acme')).body, 'ok');
    assert.equal((await h.hook('key-id-notification', { token: device.hex, key_id: KEY, instance }, ACME_HOOK_SECRET, '/t/acme')).body, 'ok', 'key ids are per tenant');
    assert.deepEqual((await h.call('GET', '/t/acme/v2/keys', { token })).body, { keys: [{ key_id: KEY, created_at: '2026-11-23T12:00:00.000Z' }] });
  });
});

function spkiOf(hex: string): Uint8Array {
  return Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'), Buffer.from(hex, 'hex')]);
}
