/** Duo device registration over HTTP: challenge, proof of possession, ownership and the face gate. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalizeJsonBytes } from '../../crypto/jcs/canonicalize-json.ts';
import { isOpensslAvailable } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { faceFields, nodeDevice, opensslDevice, proofOf, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness, Reply } from './duo-harness.ts';

const codeOf = (res: Reply): [number, number | undefined] => [res.status, (res.body as { error?: { code: number } }).error?.code];
const REGISTERED = { success: true, message: 'Device registered successfully' };

describe('Duo: device challenges', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('issues 32 random bytes in hex with the tenant’s lifetime', async () => {
    const device = nodeDevice();
    const res = await h.call('GET', `/auth/devices/challenge/${device.hex}`, { token: await h.token('auth0|c1') });
    assert.equal(res.status, 200);
    const body = res.body as { challenge: string; ttl_seconds: number };
    assert.deepEqual(Object.keys(body), ['challenge', 'ttl_seconds']);
    assert.match(body.challenge, /^[0-9a-f]{64}$/);
    assert.equal(body.ttl_seconds, 300);
    const upper = await h.call('GET', `/auth/devices/challenge/${device.hex.toUpperCase()}`, { token: await h.token('auth0|c1') });
    assert.equal(upper.status, 200, 'hex of either case');
  });

  it('refuses a key that is not hex 04||X||Y on P-256 with 100201', async () => {
    const token = await h.token('auth0|c2');
    const hex = nodeDevice().hex;
    const offCurve = `04${'11'.repeat(64)}`;
    const compressed = `02${hex.slice(2, 66)}`;
    for (const bad of ['zz' + hex.slice(2), hex.slice(0, 128), compressed, offCurve, `05${hex.slice(2)}`, 'not-a-key']) {
      const res = await h.call('GET', `/auth/devices/challenge/${bad}`, { token });
      assert.deepEqual(codeOf(res), [400, 100201], bad);
    }
    assert.deepEqual(codeOf(await h.call('GET', `/auth/devices/challenge/${'0'.repeat(600)}`, { token })), [400, 100001]);
  });
});

describe('Duo: POST /auth/devices/register', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('registers a node:crypto key signing {"challenge"} (201), then answers the same key 200', async () => {
    const token = await h.token('auth0|alice');
    const device = nodeDevice();
    const first = await h.registerDevice(token, device, { device_name: "Alice's iPhone" });
    assert.deepEqual([first.status, first.body], [201, REGISTERED]);
    const again = await h.registerDevice(token, device);
    assert.deepEqual([again.status, again.body], [200, { success: true, message: 'Device already registered' }]);
    const listed = await h.call('GET', '/v2/devices', { token });
    assert.deepEqual(listed.body, { devices: [{ device_verifying_key: device.hex, device_name: "Alice's iPhone", is_active: true, created_at: '2026-11-23T12:00:00.000Z' }] });
  });

  it('accepts the second documented form {"challenge", "device_id"} and nothing else', async () => {
    const token = await h.token('auth0|forms');
    const device = nodeDevice();
    const other = nodeDevice();
    const challengeOther = await h.challenge(token, other);
    const wrong = [
      Buffer.from(challengeOther, 'hex'),
      Buffer.from(challengeOther),
      canonicalizeJsonBytes({ challenge: challengeOther, device_id: other.hex, extra: 'x' }),
      canonicalizeJsonBytes({ challenge: challengeOther.toUpperCase() }),
      Buffer.from(JSON.stringify({ device_id: other.hex, challenge: challengeOther }, null, 1)),
    ];
    for (const message of wrong) {
      const res = await h.call('POST', '/auth/devices/register', { token, body: { device_id: other.hex, signature: other.sign(message) } });
      assert.deepEqual(codeOf(res), [400, 100206]);
      await h.challenge(token, other);
    }
    const challenge = await h.challenge(token, device);
    const signature = device.sign(canonicalizeJsonBytes({ device_id: device.hex, challenge }));
    const res = await h.call('POST', '/auth/devices/register', { token, body: { device_id: device.hex, signature } });
    assert.deepEqual([res.status, res.body], [201, REGISTERED]);
  });

  it('registers a key and signature made by the openssl command line', { skip: isOpensslAvailable() ? false : 'no openssl' }, async () => {
    const token = await h.token('auth0|openssl');
    const res = await h.registerDevice(token, opensslDevice());
    assert.deepEqual([res.status, res.body], [201, REGISTERED]);
  });

  it('refuses a replayed registration: the challenge was consumed (100203)', async () => {
    const token = await h.token('auth0|replay');
    const device = nodeDevice();
    const signature = device.sign(proofOf(await h.challenge(token, device)));
    const body = { device_id: device.hex, signature };
    assert.equal((await h.call('POST', '/auth/devices/register', { token, body })).status, 201);
    const replay = await h.call('POST', '/auth/devices/register', { token, body });
    assert.deepEqual([replay.status, replay.body], [400, { error: { code: 100203, message: 'No unused challenge for this device; request a new one.' } }]);
  });

  it('refuses a challenge issued for another device key or another user (100203), leaving it usable by its owner', async () => {
    const token = await h.token('auth0|cross');
    const [a, b] = [nodeDevice(), nodeDevice()];
    const challengeA = await h.challenge(token, a);
    const crossDevice = await h.call('POST', '/auth/devices/register', { token, body: { device_id: b.hex, signature: b.sign(proofOf(challengeA)) } });
    assert.deepEqual(codeOf(crossDevice), [400, 100203]);
    const mallory = await h.token('auth0|mallory');
    const crossUser = await h.call('POST', '/auth/devices/register', { token: mallory, body: { device_id: a.hex, signature: a.sign(proofOf(challengeA)) } });
    assert.deepEqual(codeOf(crossUser), [400, 100203]);
    const owner = await h.call('POST', '/auth/devices/register', { token, body: { device_id: a.hex, signature: a.sign(proofOf(challengeA)) } });
    assert.equal(owner.status, 201);
  });

  it('answers a challenge past its lifetime 100204', async () => {
    const token = await h.token('auth0|late');
    const device = nodeDevice();
    const signature = device.sign(proofOf(await h.challenge(token, device)));
    h.s.clock.advance(300_000);
    try {
      const res = await h.call('POST', '/auth/devices/register', { token, body: { device_id: device.hex, signature } });
      assert.deepEqual(codeOf(res), [400, 100204]);
    } finally {
      h.s.clock.advance(-300_000);
    }
  });

  it('refuses bad hex (100001, challenge kept), bad DER (100001), raw r||s and another key’s signature (100206)', async () => {
    const token = await h.token('auth0|sigs');
    const device = nodeDevice();
    const challenge = await h.challenge(token, device);
    const post = (signature: string) => h.call('POST', '/auth/devices/register', { token, body: { device_id: device.hex, signature } });
    assert.deepEqual(codeOf(await post('zz')), [400, 100001]);
    assert.deepEqual(codeOf(await post('abc')), [400, 100001]);
    assert.deepEqual(codeOf(await post('')), [400, 100001]);
    const good = device.sign(proofOf(challenge));
    assert.equal((await post(good)).status, 201, 'malformed hex did not consume the challenge');

    const second = nodeDevice();
    const postSecond = (signature: string) => h.call('POST', '/auth/devices/register', { token, body: { device_id: second.hex, signature } });
    await h.challenge(token, second);
    assert.deepEqual(codeOf(await postSecond(`${'30'}${'00'.repeat(70)}`)), [400, 100001], 'not DER');
    const c2 = await h.challenge(token, second);
    const der = Buffer.from(second.sign(proofOf(c2)), 'hex');
    assert.deepEqual(codeOf(await postSecond(Buffer.concat([der, Buffer.from([0])]).toString('hex'))), [400, 100001], 'trailing byte after DER');
    await h.challenge(token, second);
    assert.deepEqual(codeOf(await postSecond('11'.repeat(64))), [400, 100001], 'raw r||s is not the documented DER');
    const c4 = await h.challenge(token, second);
    assert.deepEqual(codeOf(await postSecond(nodeDevice().sign(proofOf(c4)))), [400, 100206]);
  });

  it('answers 409 (100207) when another user holds the key', async () => {
    const device = nodeDevice();
    assert.equal((await h.registerDevice(await h.token('auth0|owner'), device)).status, 201);
    const res = await h.registerDevice(await h.token('auth0|thief'), device);
    assert.deepEqual([res.status, res.body], [409, { error: { code: 100207, message: 'The device is already registered to another user.' } }]);
  });

  it('answers 403 (100208) for a revoked device, which the list shows inactive', async () => {
    const token = await h.token('auth0|revoked');
    const device = nodeDevice();
    await h.registerDevice(token, device);
    const tenant = h.s.core.tenants.defaultTenant();
    const [credential] = (await h.s.core.storage.credentials.listByUser(tenant.id, (await userIdOf(h, token))!, 'device_key'));
    await h.s.core.storage.credentials.setStatus(tenant.id, credential!.id, 'revoked', h.s.clock.now());
    assert.deepEqual(codeOf(await h.registerDevice(token, device)), [403, 100208]);
    assert.equal(((await h.call('GET', '/v2/devices', { token })).body as { devices: { is_active: boolean }[] }).devices[0]?.is_active, false);
  });

  it('never answers 500 to malformed bodies', async () => {
    const token = await h.token('auth0|malformed');
    const device = nodeDevice();
    const bodies: unknown[] = [{}, { device_id: device.hex }, { signature: 'ab' }, [], 'text', { device_id: 12, signature: 34 }, { device_id: { x: 1 }, signature: 'ab' }, { device_id: device.hex, signature: 'ab', device_name: '' }];
    for (const body of bodies) {
      const res = await h.call('POST', '/auth/devices/register', { token, body: body as object, headers: { 'content-type': 'application/json' } });
      assert.ok(res.status === 400, `${JSON.stringify(body)} → ${res.status}`);
      assert.ok([100001, 100201, 100203].includes(codeOf(res)[1]!), JSON.stringify(res.body));
    }
  });
});

describe('Duo: the face gate on device registration', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('needs no face while none is registered, then 403 100702 without a scan, 403 100703 for another face, 201 for a match', async () => {
    const token = await h.token('auth0|face-user');
    assert.equal((await h.registerDevice(token, nodeDevice())).status, 201);
    assert.equal((await h.registerFace(token, 'alice')).status, 201);
    const second = nodeDevice();
    const required = await h.registerDevice(token, second);
    assert.deepEqual([required.status, required.body], [403, { error: { code: 100702, message: 'Face verification required' } }]);
    assert.deepEqual(codeOf(await h.registerDevice(token, second, faceFields('face=mallory'))), [403, 100703]);
    assert.deepEqual(codeOf(await h.registerDevice(token, second, faceFields('face=alice;replay'))), [403, 100703]);
    assert.deepEqual(codeOf(await h.registerDevice(token, second, faceFields('face=alice;level=9'))), [403, 100703], 'below FACETEC_MIN_MATCH_LEVEL');
    const partial = { face_scan: faceFields('face=alice').face_scan };
    assert.deepEqual(codeOf(await h.registerDevice(token, second, partial)), [400, 100001]);
    const ok = await h.registerDevice(token, second, faceFields('face=alice'));
    assert.deepEqual([ok.status, ok.body], [201, REGISTERED]);
    assert.equal(h.facetec.requests.at(-1)?.path, '/match-3d-3d');
    const failures = (await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 100 })).filter((e) => e.action === 'face.verification-failed');
    assert.equal(failures.length, 3);
    assert.doesNotMatch(JSON.stringify(failures), /face_scan|ZmFjZ/);
  });

  it('answers 503 (100705) when FaceTec fails, and never hangs on a slow one', async () => {
    const token = await h.token('auth0|face-down');
    await h.registerDevice(token, nodeDevice());
    await h.registerFace(token, 'bob');
    assert.deepEqual(codeOf(await h.registerDevice(token, nodeDevice(), faceFields('face=bob;status=503'))), [503, 100705]);
    const { createFaceVerifiers } = await import('../../face/face-verifiers.ts');
    const hasty = await h.appWith({ faceVerifiers: createFaceVerifiers({ timeoutMs: 150 }) });
    const device = nodeDevice();
    const challenge = (await hasty.inject({ url: `/auth/devices/challenge/${device.hex}`, headers: { authorization: `Bearer ${token}` } })).json() as { challenge: string };
    const started = performance.now();
    const res = await hasty.inject({
      method: 'POST',
      url: '/auth/devices/register',
      headers: { authorization: `Bearer ${token}` },
      payload: { device_id: device.hex, signature: device.sign(proofOf(challenge.challenge)), ...faceFields('face=bob;slow=3000') },
    });
    assert.deepEqual([res.statusCode, res.json()], [503, { error: { code: 100705, message: 'Face verification is unavailable; retry later.' } }]);
    assert.ok(performance.now() - started < 2_000);
  });
});

async function userIdOf(h: DuoHarness, token: string): Promise<string | undefined> {
  const { sub } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string };
  const tenant = h.s.core.tenants.defaultTenant();
  return (await h.s.core.storage.externalIdentities.findUserId(tenant.id, h.idp.issuer, sub)) ?? undefined;
}
