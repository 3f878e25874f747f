import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { loadOpensslVectors } from '../../crypto/device-keys/fixtures/load-openssl-vectors.ts';
import { buildApp } from '../../http/app.ts';
import { nodeP256, startSwapBitsHarness, type SwapBitsHarness } from './swapbits-harness.ts';

const ALL_FIELDS = { code: 4006, message: 'All fields are required and algorithm must be P-256' };
const BAD_UUID = { code: 4006, message: 'Invalid deviceId format. Must be a valid UUID' };
const BAD_KEY = { code: 4006, message: 'Invalid public key. Must be a P-256 key.' };

describe('SwapBits: malformed requests get 4006, never a 500', () => {
  let h: SwapBitsHarness;
  let token: string;
  const device = nodeP256();
  const deviceId = randomUUID();
  before(async () => {
    h = await startSwapBitsHarness();
    token = (await h.user('zoe')).token;
    await h.register(token, deviceId, device);
  });
  after(() => h.close());

  const post = async (url: string, body: unknown) => {
    const res = await h.call('POST', url, token, body);
    return [res.status, res.body];
  };
  const register = (patch: Record<string, unknown>) =>
    post('/auth/biometry/register', { deviceId: randomUUID(), deviceName: 'iPhone', platform: 'iOS', publicKey: nodeP256().keyText('x963-base64'), algorithm: 'P-256', ...patch });

  it('registration: missing fields, wrong algorithm or platform, bad UUID, keys that are not P-256', async () => {
    assert.deepEqual(await register({ deviceName: undefined }), [400, ALL_FIELDS]);
    assert.deepEqual(await register({ algorithm: 'P-384' }), [400, ALL_FIELDS]);
    assert.deepEqual(await register({ platform: 'Windows' }), [400, ALL_FIELDS]);
    assert.deepEqual(await register({ deviceId: 'device-1' }), [400, BAD_UUID]);
    const { foreign, p256Variants, ed25519 } = loadOpensslVectors();
    for (const publicKey of [foreign.p384SpkiBase64, foreign.secp256k1SpkiBase64, foreign.rsaSpkiBase64, p256Variants.compressedSpkiBase64, p256Variants.compressedPointHex, ed25519.rawHex, 'BASE64_PUBLIC_KEY', '04'.repeat(65)]) {
      assert.deepEqual(await register({ publicKey }), [400, BAD_KEY], publicKey);
    }
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    assert.deepEqual(await register({ publicKey: ed }), [400, BAD_KEY]);
  });

  it('challenge: deviceId missing or not a UUID', async () => {
    const get = async (query: string) => {
      const res = await h.call('GET', `/auth/biometry/challenge${query}`, token);
      return [res.status, res.body];
    };
    assert.deepEqual(await get(''), [400, { code: 4006, message: 'deviceId parameter is required' }]);
    assert.deepEqual(await get('?deviceId='), [400, BAD_UUID]);
    assert.deepEqual(await get('?deviceId=550e8400'), [400, BAD_UUID]);
    const del = await h.call('DELETE', '/auth/biometry/devices/not-a-uuid', token);
    assert.deepEqual([del.status, del.body], [400, BAD_UUID]);
  });

  it('verification: PIN types, missing BIOMETRY fields, bad base64, bodies that are not JSON objects', async () => {
    const c = await h.challenge(token, deviceId);
    const good = h.verifyBody(deviceId, c, device);
    assert.deepEqual(await post('/auth/pin/verify', { verificationType: 'SESSION', pin: '123456' }), [400, { code: 4006, message: 'PIN not configured for this user' }]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, verificationType: 'FACE' }), [400, ALL_FIELDS]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, signature: undefined }), [400, ALL_FIELDS]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, algorithm: 'ES256' }), [400, ALL_FIELDS]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, deviceId: 'x' }), [400, BAD_UUID]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, challenge: 'not base64!' }), [400, { code: 4006, message: 'Invalid challenge format' }]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, signature: '@@@@' }), [400, { code: 4006, message: 'Invalid signature format' }]);
    assert.deepEqual(await post('/auth/pin/verify', { ...good, signature: Buffer.alloc(10).toString('base64') }), [400, { code: 4006, message: 'Invalid request data.' }]);
    for (const payload of ['{"verificationType":', '[]', 'null', '']) {
      const res = await h.app.inject({ method: 'POST', url: '/auth/pin/verify', payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      assert.equal(res.statusCode, 400, payload);
      assert.equal((res.json() as { code: number }).code, 4006);
    }
  });

  it('answers an internal failure with an opaque 5001 (no details)', async () => {
    const storage = h.s.core.storage;
    const failing = { ...storage, credentials: { ...storage.credentials, listByUser: async () => { throw new Error('relation "credentials" does not exist'); } } };
    const app = await buildApp({ ...h.s, core: { ...h.s.core, storage: failing } });
    const res = await app.inject({ method: 'GET', url: '/auth/biometry/devices', headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual([res.statusCode, res.json()], [500, { code: 5001, message: 'Internal server error.' }]);
    await app.close();
  });
});
