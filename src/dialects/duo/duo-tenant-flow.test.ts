/** The whole wallet flow under /t/<slug>/, with that tenant's provider, hook secret and match threshold. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACME_HOOK_SECRET, faceFields, nextInstance, nodeDevice, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness } from './duo-harness.ts';

const T = '/t/acme';
const KEY = '5a'.repeat(32);

describe('Duo under /t/acme', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('registers, enrolls, generates a key, signs, backs up and recovers, all in the tenant', async () => {
    const token = await h.acmeToken('auth0|acme-wallet');
    const device = nodeDevice();
    assert.equal((await h.call('POST', `${T}/auth/users/register`, { token })).status, 201);
    assert.equal((await h.registerDevice(token, device, { device_name: 'Pixel' }, T)).status, 201);
    assert.equal((await h.registerFace(token, 'olga', T)).status, 201);
    assert.deepEqual((await h.call('GET', `${T}/v2/face`, { token })).body, { registered: true, registered_at: '2026-11-23T12:00:00.000Z' });

    const instance = nextInstance();
    const hook = (path: string, body: unknown) => h.hook(path, body, ACME_HOOK_SECRET, T).then((r) => r.body);
    assert.equal(await hook('dkg-setup-validation', { token: device.hex, setup: {}, instance }), 'ok');
    assert.equal(await hook('key-id-notification', { token: device.hex, key_id: KEY, instance }), 'ok');
    assert.equal(await hook('dsg-setup-validation', { token: device.hex, setup: { key_id: [KEY] }, instance: nextInstance() }), 'ok');

    assert.equal((await h.call('POST', `${T}/v2/keyshare/backup`, { token, body: { keyshares: [{ key_id: KEY, encrypted_keyshare: 'c2hhcmU=' }] } })).status, 200);
    const keys = (await h.call('GET', `${T}/v2/keys`, { token })).body;
    assert.deepEqual(keys, { keys: [{ key_id: KEY, created_at: '2026-11-23T12:00:00.000Z', backup: { created_at: '2026-11-23T12:00:00.000Z' } }] });
    const devices = (await h.call('GET', `${T}/v2/devices`, { token })).body;
    assert.deepEqual(devices, { devices: [{ device_verifying_key: device.hex, device_name: 'Pixel', is_active: true, created_at: '2026-11-23T12:00:00.000Z' }] });
    const transactions = (await h.call('GET', `${T}/transactions`, { token })).body as { transactions: { key_id: string; status: string }[] };
    assert.deepEqual(transactions.transactions.map((t) => [t.key_id, t.status]), [[KEY, 'approved']]);

    // acme's threshold is 12, not the default tenant's 10.
    const recover = (face: string) => h.call('POST', `${T}/v2/keyshare/recover`, { token, body: { key_ids: [KEY], ...faceFields(face) } });
    assert.equal((await recover('face=olga;level=11')).status, 403);
    const recovered = await recover('face=olga;level=12');
    assert.deepEqual([recovered.status, recovered.body], [200, { success: true, keyshares: [{ key_id: KEY, encrypted_keyshare: 'c2hhcmU=' }] }]);

    const defaultToken = await h.token('auth0|acme-wallet');
    assert.deepEqual((await h.call('GET', '/v2/keys', { token: defaultToken })).body, { keys: [] }, 'nothing leaks into the default tenant');
  });
});
