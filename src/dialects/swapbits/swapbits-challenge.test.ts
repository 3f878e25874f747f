import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { nodeP256, startSwapBitsHarness, type P256Device, type SwapBitsHarness } from './swapbits-harness.ts';

const FAILED = { code: 4007, message: 'Biometric verification failed.' };
const USED = { code: 4003, message: 'Biometric challenge expired or already used.' };

describe('SwapBits challenges: looked up by id, bound to tenant, user and device, single use', () => {
  let h: SwapBitsHarness;
  let user: { id: string; token: string };
  let other: { id: string; token: string };
  const device = nodeP256();
  const second = nodeP256();
  const deviceId = randomUUID();
  const secondId = randomUUID();
  before(async () => {
    h = await startSwapBitsHarness();
    user = await h.user('wendy');
    other = await h.user('xavier');
    await h.register(user.token, deviceId, device);
    await h.register(user.token, secondId, second);
    await h.register(other.token, randomUUID(), nodeP256());
  });
  after(() => h.close());

  const verify = async (token: string, body: Record<string, unknown>, prefix = '') => {
    const res = await h.call('POST', `${prefix}/auth/pin/verify`, token, body);
    return [res.status, res.body];
  };
  const fresh = (id = deviceId, token = user.token) => h.challenge(token, id);
  const bodyOf = (c: { challengeId: string; challenge: string }, key: P256Device = device, id = deviceId) => h.verifyBody(id, c, key);

  it('refuses a replayed challenge', async () => {
    const c = await fresh();
    assert.equal((await h.call('POST', '/auth/pin/verify', user.token, bodyOf(c))).body.code, 1016);
    assert.deepEqual(await verify(user.token, bodyOf(c)), [400, USED]);
  });

  it('refuses an expired challenge (300 s)', async () => {
    const c = await fresh();
    h.s.clock.advance(300_000);
    assert.deepEqual(await verify(user.token, bodyOf(c)), [400, USED]);
  });

  it("refuses a challenge answered for another device of the user, even with that device's key", async () => {
    const c = await fresh();
    assert.deepEqual(await verify(user.token, bodyOf(c, second, secondId)), [400, FAILED]);
  });

  it("refuses another user's session presenting the user's challenge", async () => {
    const c = await fresh();
    assert.deepEqual(await verify(other.token, bodyOf(c)), [400, FAILED]);
  });

  it('refuses a challenge id of another tenant', async () => {
    const acmeUser = await h.user('yara', h.acme);
    const acmeDevice = nodeP256();
    const acmeId = randomUUID();
    await h.register(acmeUser.token, acmeId, acmeDevice, 'spki-base64', '/t/acme');
    const c = await h.challenge(acmeUser.token, acmeId, '/t/acme');
    assert.deepEqual(await verify(user.token, h.verifyBody(deviceId, c, device)), [400, USED]);
  });

  it('never trusts the echoed challenge: an altered echo fails, even when signed', async () => {
    const c = await fresh();
    const bytes = Buffer.from(c.challenge, 'base64');
    bytes[0] = (bytes[0] as number) ^ 1;
    const altered = { challengeId: c.challengeId, challenge: bytes.toString('base64') };
    assert.deepEqual(await verify(user.token, bodyOf(altered)), [400, FAILED]);
    assert.deepEqual(await verify(user.token, bodyOf(c)), [400, USED], 'the challenge was consumed by the failed attempt');
  });

  it('refuses a signature by another key, and an unknown challenge id', async () => {
    // A device of its own: the failed attempts above count towards deviceId's lockout.
    const id = randomUUID();
    await h.register(user.token, id, nodeP256());
    const c = await fresh(id);
    assert.deepEqual(await verify(user.token, bodyOf(c, second, id)), [400, FAILED]);
    assert.deepEqual(await verify(user.token, bodyOf({ challengeId: randomUUID(), challenge: c.challenge }, second, id)), [400, USED]);
  });

  it('answers 5012 for a challenge on a device the user does not have', async () => {
    const res = await h.call('GET', `/auth/biometry/challenge?deviceId=${randomUUID()}`, user.token);
    assert.deepEqual([res.status, res.body], [403, { code: 5012, message: 'Device not registered or revoked' }]);
  });
});

describe('SwapBits challenges: a device account is counted only for requests its owner could make', () => {
  let h: SwapBitsHarness;
  let token: string;
  const device = nodeP256();
  const deviceId = randomUUID();
  before(async () => {
    h = await startSwapBitsHarness({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PER_ACCOUNT: '3', RATE_LIMIT_PER_IP: '1000' });
    token = (await h.user('victim')).token;
    assert.equal((await h.register(token, deviceId, device)).status, 200);
  });
  after(() => h.close());

  it('strangers without a token naming the device, from many addresses, do not lock its owner out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.app.inject({ method: 'GET', url: `/auth/biometry/challenge?deviceId=${deviceId}`, remoteAddress: `10.9.0.${i}` })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    const mine = await h.app.inject({ method: 'GET', url: `/auth/biometry/challenge?deviceId=${deviceId}`, headers: { authorization: `Bearer ${token}` }, remoteAddress: '10.1.1.1' });
    assert.equal(mine.statusCode, 200, mine.body);
    // The owner's own requests still count: past the account's limit they are refused.
    const owner = async () => (await h.app.inject({ method: 'GET', url: `/auth/biometry/challenge?deviceId=${deviceId}`, headers: { authorization: `Bearer ${token}` }, remoteAddress: '10.1.1.1' })).statusCode;
    assert.deepEqual([await owner(), await owner(), await owner()], [200, 200, 429]);
  });
});
