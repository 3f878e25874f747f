import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verifyAccessToken } from '../../core/tokens/verify-access-token.ts';
import { createFixtures } from '../../storage/contract/fixtures.ts';
import { KEY_ENCODINGS, nodeP256, startSwapBitsHarness, type SwapBitsHarness } from './swapbits-harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNAUTHORIZED = { statusCode: 401, message: 'Unauthorized' };

describe('SwapBits biometry: register, challenge, verify, list, revoke', () => {
  let h: SwapBitsHarness;
  before(async () => {
    h = await startSwapBitsHarness();
  });
  after(() => h.close());

  it('answers 401 in NestJS form without a valid bearer token, before looking at the body', async () => {
    for (const token of [null, 'not-a-jwt', `${'eyJhbGciOiJub25lIn0'}.e30.`]) {
      const res = await h.call('POST', '/auth/biometry/register', token, { nonsense: true });
      assert.deepEqual([res.status, res.body], [401, UNAUTHORIZED]);
    }
    const expired = await h.idp.sign({ sub: 'late', aud: 'https://api.swapbits.test' }, { now: h.s.clock.now() - 7_200_000 });
    assert.deepEqual((await h.call('GET', '/auth/biometry/devices', expired)).body, UNAUTHORIZED);
  });

  it('registers a P-256 key given in every accepted encoding, and verifies DER and raw signatures', async () => {
    const { token } = await h.user('paula');
    for (const encoding of KEY_ENCODINGS) {
      const device = nodeP256();
      const deviceId = randomUUID();
      const res = await h.register(token, deviceId, device, encoding);
      assert.deepEqual([res.status, res.body], [200, {
        code: 1021, message: 'Biometric device registered successfully.',
        data: { deviceId, deviceName: 'Pixel 9', platform: 'Android', registeredAt: '2026-11-23T12:00:00.000Z', status: 'active' },
      }], encoding);
      for (const format of ['der', 'raw'] as const) assert.equal((await h.verify(token, deviceId, device, format)).body.code, 1016, `${encoding} ${format}`);
    }
  });

  it('issues a challenge of 32 random bytes for 5 minutes, and answers 1016 with an access token', async () => {
    const { id, token } = await h.user('quinn');
    const device = nodeP256();
    const deviceId = randomUUID();
    await h.register(token, deviceId, device);
    const c = await h.challenge(token, deviceId);
    assert.match(c.challengeId, UUID);
    assert.equal(Buffer.from(c.challenge, 'base64').length, 32);
    assert.equal(c.expiresAt, new Date(h.s.clock.now() + 300_000).toISOString());
    const res = await h.call('POST', '/auth/pin/verify', token, h.verifyBody(deviceId, c, device));
    const data = res.body.data ?? {};
    assert.deepEqual([res.status, res.body.code, res.body.message], [200, 1016, 'PIN verified successfully.']);
    const claims = await verifyAccessToken(h.s.core, h.s.core.tenants.defaultTenant(), data['accessToken'] as string);
    assert.deepEqual(data, {
      verified: true, verifiedAt: new Date(h.s.clock.now()).toISOString(), verificationType: 'BIOMETRY',
      verificationUuid: Buffer.from(claims.jti, 'base64url').toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      expiresAt: new Date(claims.exp * 1000).toISOString(), message: 'Biometric verification successful.', authMethod: 'biometry',
      accessToken: data['accessToken'], tokenType: 'Bearer',
    });
    assert.deepEqual([claims.sub, claims.amr], [id, ['hwk', 'bio']]);
  });

  it("accepts the identity provider's tokens: its sub becomes a Sigil user on first sight", async () => {
    const token = await h.idp.sign({ sub: 'auth0|swap-1', aud: 'https://api.swapbits.test' }, { now: h.s.clock.now() });
    const device = nodeP256();
    const deviceId = randomUUID();
    assert.equal((await h.register(token, deviceId, device)).body.code, 1021);
    assert.equal((await h.verify(token, deviceId, device)).body.code, 1016);
    const again = await h.idp.sign({ sub: 'auth0|swap-1', aud: 'https://api.swapbits.test' }, { now: h.s.clock.now() });
    const devices = (await h.call('GET', '/auth/biometry/devices', again)).body.data?.['devices'] as { deviceId: string }[];
    assert.deepEqual(devices.map((d) => d.deviceId), [deviceId], 'the second token finds the same user');
  });

  it('lists devices, revokes one, and then answers 5012 for it, even for a challenge issued before', async () => {
    const { token } = await h.user('rosa');
    const [a, b] = [nodeP256(), nodeP256()];
    const [idA, idB] = [randomUUID(), randomUUID()];
    await h.register(token, idA, a);
    h.s.clock.advance(1);
    await h.register(token, idB, b);
    const pending = await h.challenge(token, idA);
    h.s.clock.advance(1000);
    const revoked = await h.call('DELETE', `/auth/biometry/devices/${idA.toUpperCase()}`, token);
    assert.deepEqual([revoked.status, revoked.body], [200, { code: 1025, message: 'Biometric device revoked successfully.', data: { deviceId: idA, status: 'revoked', revokedAt: new Date(h.s.clock.now()).toISOString() } }]);
    const gone = { status: 403, body: { code: 5012, message: 'Device not registered or revoked' } };
    const stale = await h.call('POST', '/auth/pin/verify', token, h.verifyBody(idA, pending, a));
    assert.deepEqual({ status: stale.status, body: stale.body }, gone);
    const again = await h.call('GET', `/auth/biometry/challenge?deviceId=${idA}`, token);
    assert.deepEqual({ status: again.status, body: again.body }, gone);
    const twice = await h.call('DELETE', `/auth/biometry/devices/${idA}`, token);
    assert.deepEqual({ status: twice.status, body: twice.body }, gone);
    assert.equal((await h.verify(token, idB, b)).body.code, 1016);
    const list = await h.call('GET', '/auth/biometry/devices', token);
    const devices = list.body.data?.['devices'] as { deviceId: string; status: string; lastUsedAt: string | null }[];
    assert.deepEqual([list.body.code, devices.map((d) => [d.deviceId, d.status, d.lastUsedAt !== null])], [1024, [[idA, 'revoked', false], [idB, 'active', true]]]);
  });

  it("lists, challenges and revokes only SwapBits' own devices: not a BioKey identity or key, a Duo device or a passkey", async () => {
    const { id, token } = await h.user('mixed');
    const tenantId = h.s.core.tenants.defaultTenant().id;
    const mine = randomUUID();
    await h.register(token, mine, nodeP256());
    const fixtures = createFixtures('swapbits-visibility');
    // BioKey lets the client choose any device id, a UUID included; Duo's is the key's hex.
    const shared = randomUUID();
    const others = [
      fixtures.legacyIdentity(tenantId, id, { deviceId: shared }),
      fixtures.deviceKey(tenantId, id, { origin: { enrolledVia: 'biokey' }, algorithm: 'Ed25519', deviceId: shared }),
      fixtures.deviceKey(tenantId, id, { origin: { enrolledVia: 'duo' }, deviceId: 'ab'.repeat(65) }),
      fixtures.credential(tenantId, id, { enrolledVia: 'biokey', deviceId: shared }),
    ];
    for (const credential of others) await h.s.core.storage.credentials.create(credential);
    const list = await h.call('GET', '/auth/biometry/devices', token);
    const devices = list.body.data?.['devices'] as { deviceId: string; platform: string }[];
    assert.deepEqual(devices.map((d) => [d.deviceId, d.platform]), [[mine, 'Android']]);
    const gone = { status: 403, body: { code: 5012, message: 'Device not registered or revoked' } };
    const challenge = await h.call('GET', `/auth/biometry/challenge?deviceId=${shared}`, token);
    assert.deepEqual({ status: challenge.status, body: challenge.body }, gone);
    const revoked = await h.call('DELETE', `/auth/biometry/devices/${shared}`, token);
    assert.deepEqual({ status: revoked.status, body: revoked.body }, gone);
    for (const credential of others) assert.equal((await h.s.core.storage.credentials.getById(tenantId, credential.id))?.status, 'active');
  });

  it('re-registers a device with a new key (the session is the proof), retiring the old key', async () => {
    const { token } = await h.user('sam');
    const [old, next] = [nodeP256(), nodeP256()];
    const deviceId = randomUUID();
    await h.register(token, deviceId, old);
    assert.equal((await h.register(token, deviceId, old)).body.code, 1021, 'the same key again: nothing changes');
    assert.equal((await h.register(token, deviceId, next)).body.code, 1021);
    assert.deepEqual((await h.verify(token, deviceId, old)).body, { code: 4007, message: 'Biometric verification failed.' });
    assert.equal((await h.verify(token, deviceId, next)).body.code, 1016);
  });

  it("refuses a key bound to another user, and another device's key", async () => {
    const [tara, uma] = [await h.user('tara'), await h.user('uma')];
    const device = nodeP256();
    const deviceId = randomUUID();
    await h.register(tara.token, deviceId, device);
    const conflict = { code: 4006, message: 'Public key already registered to another device or user.' };
    assert.deepEqual(await h.register(uma.token, deviceId, device).then((r) => [r.status, r.body]), [409, conflict]);
    assert.deepEqual(await h.register(tara.token, randomUUID(), device).then((r) => [r.status, r.body]), [409, conflict]);
  });

  it('serves each tenant under /t/<slug>/', async () => {
    const acmeUser = await h.user('vera', h.acme);
    const device = nodeP256();
    const deviceId = randomUUID();
    assert.equal((await h.register(acmeUser.token, deviceId, device, 'x963-base64', '/t/acme')).body.code, 1021);
    assert.equal((await h.verify(acmeUser.token, deviceId, device, 'raw', '/t/acme')).body.code, 1016);
    assert.deepEqual((await h.register(acmeUser.token, deviceId, device)).body, UNAUTHORIZED, "acme's token means nothing to the default tenant");
  });
});
