import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { nodeEd25519 } from '../../src/dialects/biokey/biokey-harness.ts';
import { nodeP256, type P256Device } from '../../src/dialects/swapbits/swapbits-harness.ts';
import type { RunningServer } from '../support/start-server.ts';
import { PasskeyUser } from './support/passkey-user.ts';
import { createRunSchema, deleteRedisKeys, describeWithServices, runName, type RunSchema } from './support/services.ts';
import { ADMIN_KEY, call, startSigil, type Reply } from './support/sigil.ts';

const unique = (what: string): string => `${what}-${randomBytes(4).toString('hex')}`;
/** The statuses of a race, sorted, so "exactly one success" reads as `[200, 4xx]`. */
const statusesOf = (replies: readonly Reply[]): number[] => replies.map((r) => r.status).sort((a, b) => a - b);

describeWithServices('two nodes on one PostgreSQL and one Redis', ({ databaseUrl, redisUrl }) => {
  let a: RunningServer;
  let b: RunningServer;
  let db: RunSchema | undefined;
  const started: RunningServer[] = [];
  const prefix = `${runName('nodes')}:`;

  before(async () => {
    db = await createRunSchema(databaseUrl, 'nodes');
    const env = { DATABASE_URL: db.urlVia(), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_ACCOUNT: '10' };
    a = await startSigil(env);
    started.push(a);
    b = await startSigil(env);
    started.push(b);
  });
  after(async () => {
    // Whatever started is stopped and whatever was created removed, even after a failed start.
    const codes: (number | null)[] = [];
    for (const node of started) codes.push(await node.stop());
    await db?.drop();
    await deleteRedisKeys(redisUrl, prefix);
    assert.deepEqual(codes, [0, 0]);
  });

  /** A passkey user signed up on A, with an access token for the other dialects. */
  async function passkeyUser(): Promise<{ user: PasskeyUser; userId: string; token: string }> {
    const user = new PasskeyUser(unique('racer'));
    const signUp = await user.signUp(a.url);
    assert.equal(signUp.status, 200, JSON.stringify(signUp.body));
    return { user, userId: signUp.body.userId as string, token: signUp.body.accessToken as string };
  }

  it('one passkey challenge answered on both nodes at once: exactly one login, five times over', async () => {
    const { user } = await passkeyUser();
    for (let round = 0; round < 5; round++) {
      const { result } = await user.prepareLogin(round % 2 ? a.url : b.url);
      assert.ok(result);
      const race = await Promise.all([a, b].map((node) => call(node.url, 'POST', '/assertion/result', result)));
      assert.deepEqual(statusesOf(race), [200, 400], JSON.stringify(race.map((r) => r.body)));
    }
  });

  it('one registration grant spent on both nodes at once: exactly one is accepted', async () => {
    const { user, userId } = await passkeyUser();
    const issued = await call(a.url, 'POST', `/admin/v1/users/${userId}/registration-grants`, {}, { authorization: `Bearer ${ADMIN_KEY}` });
    assert.equal(issued.status, 201);
    const body = { username: user.username, registrationGrant: issued.body.grant };
    const race = await Promise.all([a, b].map((node) => call(node.url, 'POST', '/attestation/options', body)));
    assert.deepEqual(statusesOf(race), [200, 403]);
  });

  it('one BioKey challenge answered on both nodes at once: exactly one verification', async () => {
    const userId = unique('bk');
    const device = nodeEd25519();
    assert.equal((await call(a.url, 'POST', '/enroll', { userId, publicKey: device.hex, deviceId: 'd1', method: 'prf' })).status, 200);
    const challenge = (await call(b.url, 'GET', '/challenge')).body.challenge as string;
    const proof = { userId, challenge, signature: device.sign(Buffer.from(challenge, 'hex')) };
    const race = await Promise.all([a, b].map((node) => call(node.url, 'POST', '/verify', proof)));
    assert.deepEqual(statusesOf(race), [200, 401]);
  });

  /** A SwapBits device of a fresh passkey user, registered on A. */
  async function swapBitsDevice(): Promise<{ token: string; deviceId: string; key: P256Device }> {
    const { token } = await passkeyUser();
    const deviceId = randomUUID();
    const key = nodeP256();
    const registered = await call(a.url, 'POST', '/auth/biometry/register', { deviceId, deviceName: 'phone', platform: 'iOS', publicKey: key.keyText('x963-base64'), algorithm: 'P-256' }, { authorization: `Bearer ${token}` });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    return { token, deviceId, key };
  }

  const swapBitsProof = async (node: RunningServer, device: { token: string; deviceId: string; key: P256Device }): Promise<Record<string, unknown>> => {
    const challenge = await call(node.url, 'GET', `/auth/biometry/challenge?deviceId=${device.deviceId}`, undefined, { authorization: `Bearer ${device.token}` });
    const data = challenge.body.data as { challengeId: string; challenge: string };
    return { verificationType: 'BIOMETRY', deviceId: device.deviceId, ...data, signature: device.key.sign(Buffer.from(data.challenge, 'base64')), algorithm: 'P-256' };
  };

  it('one SwapBits challenge answered on both nodes at once: exactly one verification', async () => {
    const device = await swapBitsDevice();
    const proof = await swapBitsProof(b, device);
    const race = await Promise.all([a, b].map((node) => call(node.url, 'POST', '/auth/pin/verify', proof, { authorization: `Bearer ${device.token}` })));
    assert.deepEqual(statusesOf(race), [200, 400]);
    assert.deepEqual(race.map((r) => r.body.code).sort(), [1016, 4003]);
  });

  it('a device revoked on one node, and an access token revoked on one node, are refused on the other at once', async () => {
    const device = await swapBitsDevice();
    const proof = await swapBitsProof(b, device);
    const auth = { authorization: `Bearer ${device.token}` };
    assert.equal((await call(a.url, 'DELETE', `/auth/biometry/devices/${device.deviceId}`, undefined, auth)).status, 200);
    const refused = await call(b.url, 'POST', '/auth/pin/verify', proof, auth);
    assert.deepEqual([refused.status, refused.body.code], [403, 5012]);

    assert.equal((await call(b.url, 'GET', '/auth/biometry/devices', undefined, auth)).status, 200);
    const revoked = await call(a.url, 'POST', '/admin/v1/tokens/revoke', { token: device.token }, { authorization: `Bearer ${ADMIN_KEY}` });
    assert.ok(revoked.status === 200 || revoked.status === 204, JSON.stringify(revoked.body));
    assert.equal((await call(b.url, 'GET', '/auth/biometry/devices', undefined, auth)).status, 401);
  });

  it('rate limits and lockouts are counted by both nodes together', async () => {
    const username = unique('limited');
    const replies: number[] = [];
    for (let i = 0; i < 11; i++) replies.push((await call(i % 2 ? a.url : b.url, 'POST', '/assertion/options', { username })).status);
    assert.deepEqual(replies, [...Array(10).fill(200), 429]);

    const userId = unique('locked');
    assert.equal((await call(a.url, 'POST', '/enroll', { userId, publicKey: nodeEd25519().hex, deviceId: 'd1', method: 'prf' })).status, 200);
    const failures: Reply[] = [];
    for (let i = 0; i < 6; i++) {
      const node = i % 2 ? a : b;
      const challenge = (await call(node.url, 'GET', '/challenge')).body.challenge as string;
      failures.push(await call(node.url, 'POST', '/verify', { userId, challenge, signature: nodeEd25519().sign(Buffer.from(challenge, 'hex')) }));
    }
    assert.deepEqual(failures.map((r) => r.status), [401, 401, 401, 401, 401, 429]);
    assert.deepEqual(failures[5]?.body, { error: 'Account temporarily locked', retryAfter: 900 });
  });
});
