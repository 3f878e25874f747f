import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueAccessToken } from '../../core/tokens/issue-access-token.ts';
import { createUser } from '../../core/users/create-user.ts';
import { TEST_ADMIN_KEY } from '../../testing/test-services.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness, type Ed25519Device } from './biokey-harness.ts';

const CONFLICT = { status: 409, body: { error: 'Already enrolled' } };
const ctx = { requestId: null, ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };

describe('BioKey /enroll: bind once, re-enroll only with proof', () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness();
  });
  after(() => h.close());

  const tenant = () => h.s.core.tenants.defaultTenant();
  const proofBy = async (device: Ed25519Device, userId?: string) => {
    const challenge = await h.challenge('', userId);
    return { challenge, signature: device.sign(Buffer.from(challenge, 'hex')) };
  };

  it('enrolls a new userId with an Ed25519 key and answers as BioKey does; the first proof makes it permanent', async () => {
    const key = nodeEd25519();
    const res = await h.call('POST', '/enroll', { userId: 'erin', publicKey: key.hex, deviceId: 'dev-e' });
    assert.deepEqual(res, { status: 200, body: { ok: true, userId: 'erin', publicKey: key.hex, method: 'rawid' } });
    assert.equal(await h.s.core.storage.users.getByUsername(tenant().id, 'erin'), null, 'held provisionally: nothing durable yet');
    assert.equal((await h.verify('erin', key)).status, 200);
    const user = await h.s.core.storage.users.getByUsername(tenant().id, 'erin');
    const [credential, other] = await h.s.core.storage.credentials.listByUser(tenant().id, user?.id ?? '');
    assert.equal(other, undefined);
    assert.ok(credential?.kind === 'device_key');
    assert.deepEqual([credential.enrolledVia, credential.algorithm, credential.deviceId, credential.name, credential.status], ['biokey', 'Ed25519', 'dev-e', 'rawid', 'active']);
    assert.equal(credential.lastUsedAt, h.s.clock.now());
    const audit = await h.s.core.storage.audit.list(tenant().id, { limit: 50 });
    const held = audit.find((e) => e.action === 'device-key.enrollment-held' && e.subject === `user:${user?.id}`);
    assert.deepEqual(held?.detail, { provisional: held?.detail?.['provisional'], deviceId: 'dev-e', webauthn: false, replaced: null, expiresAt: h.s.clock.now() + 3_600_000 });
    const enrolled = audit.find((e) => e.action === 'device-key.enrolled' && e.subject === `user:${user?.id}`);
    assert.deepEqual(enrolled?.detail, { credential: credential.id, deviceId: 'dev-e', provisional: held?.detail?.['provisional'], authority: 'sign-up', confirmedBy: 'signature' });
  });

  it('answers a retried enrollment of the same key and device with 200 and changes nothing', async () => {
    const key = nodeEd25519();
    assert.equal((await h.enroll('retry', key)).status, 200);
    assert.deepEqual(await h.enroll('retry', key), { status: 200, body: { ok: true, userId: 'retry', publicKey: key.hex, method: 'prf' } });
  });

  it('refuses to overwrite an existing userId without proof (v0.1.0 silently replaced it)', async () => {
    const old = nodeEd25519();
    await h.enroll('frank', old);
    assert.equal((await h.verify('frank', old)).status, 200, 'confirmed by its first proof');
    assert.deepEqual(await h.enroll('frank', nodeEd25519()), CONFLICT);
    assert.deepEqual(await h.enroll('frank', nodeEd25519(), { deviceId: 'another-device' }), CONFLICT);
    assert.equal((await h.verify('frank', old)).status, 200, 'the old key still works');
  });

  it('re-enrolls with a signature by the current key; the replaced key stops working', async () => {
    const old = nodeEd25519();
    const next = nodeEd25519();
    await h.enroll('gina', old);
    await h.verify('gina', old);
    assert.deepEqual(await h.enroll('gina', next, await proofBy(next)), { status: 401, body: { error: 'Authentication failed' } }, 'the new key proves nothing');
    assert.equal((await h.enroll('gina', next, await proofBy(old, 'gina'))).status, 200);
    assert.deepEqual(await h.verify('gina', old), { status: 401, body: { error: 'Authentication failed' } });
    assert.equal((await h.verify('gina', next)).status, 200);
    const actions = (await h.s.core.storage.audit.list(tenant().id, { limit: 50 })).map((e) => e.action);
    assert.ok(actions.includes('device-key.revoked'));
  });

  it("re-enrolls with a session of that user, never with another user's", async () => {
    const old = nodeEd25519();
    await h.enroll('hank', old);
    const own = ((await h.verify('hank', old)).body.accessToken) as string;
    const other = await createUser(h.s.core, ctx, tenant(), { username: 'someone-else' });
    const foreign = (await issueAccessToken(h.s.core, tenant(), { userId: other.id, amr: ['passkey'] })).token;
    const next = nodeEd25519();
    const body = { userId: 'hank', publicKey: next.hex, deviceId: 'device-1' };
    assert.deepEqual(await h.call('POST', '/enroll', body, { authorization: `Bearer ${foreign}` }), { status: 403, body: { error: 'Forbidden' } });
    assert.deepEqual(await h.call('POST', '/enroll', body, { authorization: 'Bearer not-a-token' }), { status: 401, body: { error: 'Unauthorized' } });
    assert.equal((await h.call('POST', '/enroll', body, { authorization: `Bearer ${own}` })).status, 200);
    assert.equal((await h.verify('hank', next)).status, 200);
  });

  it("re-enrolls through the management API key of the tenant, not another tenant's or a bad one", async () => {
    await h.enroll('ivy', nodeEd25519());
    const next = nodeEd25519();
    const body = { userId: 'ivy', publicKey: next.hex, deviceId: 'device-1' };
    assert.deepEqual(await h.call('POST', '/enroll', body, { 'x-api-key': 'sk_wrong_0123456789abcdef' }), { status: 401, body: { error: 'Unauthorized' } });
    assert.equal((await h.enroll('ivy', nodeEd25519(), {}, '/t/acme')).status, 200);
    // The default tenant's key means nothing to acme, not even for a sign-up.
    assert.deepEqual(await h.call('POST', '/t/acme/enroll', { ...body, userId: 'new-at-acme' }, { 'x-api-key': TEST_ADMIN_KEY }), { status: 401, body: { error: 'Unauthorized' } });
    assert.deepEqual(await h.call('POST', '/t/acme/enroll', { ...body, publicKey: nodeEd25519().hex }, { 'x-api-key': TEST_ADMIN_KEY }), { status: 401, body: { error: 'Unauthorized' } });
    assert.equal((await h.call('POST', '/enroll', body, { 'x-api-key': TEST_ADMIN_KEY })).status, 200);
    assert.equal((await h.verify('ivy', next)).status, 200);
  });

  it('refuses a key already bound to another user', async () => {
    const key = nodeEd25519();
    await h.enroll('jack', key);
    await h.verify('jack', key);
    assert.deepEqual(await h.enroll('jill', key), CONFLICT);
    assert.equal(await h.s.core.storage.users.getByUsername(tenant().id, 'jill'), null, 'no account is made for a refused key');
  });

  it('takes the 64-hex publicKey as Ed25519 whatever method says, and refuses anything else', async () => {
    const invalid = { status: 400, body: { error: 'Invalid publicKey format' } };
    const key = nodeEd25519();
    const enroll = (publicKey: string, method = 'faceid') => h.call('POST', '/enroll', { userId: `k-${publicKey.length}-${method}`, publicKey, deviceId: 'd', method });
    assert.deepEqual(await enroll('zz'.repeat(32)), invalid);
    assert.deepEqual(await enroll(key.hex.slice(2)), invalid);
    assert.deepEqual(await enroll(`${key.hex}00`), invalid);
    // y = 2 has no x on edwards25519: 32 bytes, 64 hex digits, not a point.
    assert.deepEqual(await enroll(`02${'00'.repeat(31)}`), invalid);
    assert.equal((await enroll(key.hex.toUpperCase(), 'touchid')).status, 200);
  });
});
