import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../http/app.ts';
import { TEST_ADMIN_KEY } from '../../testing/test-services.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const LOCKED = { status: 429, body: { error: 'Account temporarily locked', retryAfter: 900 } };

describe('BioKey: malformed requests, lockout, opaque failures', () => {
  let h: BioKeyHarness;
  const kate = nodeEd25519();
  before(async () => {
    h = await startBioKeyHarness();
    await h.enroll('kate', kate);
  });
  after(() => h.close());

  const badSignatureFor = async (userId: string) => {
    const c = await h.challenge();
    return h.call('POST', '/verify', { userId, challenge: c, signature: nodeEd25519().sign(Buffer.from(c, 'hex')) });
  };

  it('answers every malformed body with 400 and the BioKey sentence, never a 500', async () => {
    const raw = (url: string, payload: string, type = 'application/json') =>
      h.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } }).then((r) => ({ status: r.statusCode, body: r.json() as unknown }));
    const enrollMissing = { status: 400, body: { error: 'Missing required fields: userId, publicKey, deviceId' } };
    const verifyMissing = { status: 400, body: { error: 'Missing required fields: userId, challenge' } };
    assert.deepEqual(await raw('/enroll', '{"userId": "x", '), enrollMissing);
    assert.deepEqual(await raw('/enroll', ''), enrollMissing);
    assert.deepEqual(await raw('/enroll', '[1,2]'), enrollMissing);
    assert.deepEqual(await raw('/enroll', '{"__proto__": {"admin": true}, "userId": "x"}'), enrollMissing);
    assert.deepEqual(await raw('/enroll', JSON.stringify({ userId: '', publicKey: kate.hex, deviceId: 'd' })), enrollMissing);
    assert.deepEqual(await raw('/enroll', JSON.stringify({ userId: { $ne: 1 }, publicKey: kate.hex, deviceId: 'd' })), enrollMissing);
    assert.deepEqual(await raw('/verify', 'null'), verifyMissing);
    assert.deepEqual(await raw('/verify', JSON.stringify({ userId: 'kate' })), verifyMissing);
    assert.deepEqual(await raw('/verify', JSON.stringify({ userId: 'kate', challenge: 'x'.repeat(129), signature: '00' })), verifyMissing);
    assert.deepEqual(await raw('/verify', JSON.stringify({ userId: 'kate', challenge: 'ab', signature: 'zz' })), { status: 400, body: { error: 'Invalid signature format' } });
    assert.deepEqual(await raw('/verify', JSON.stringify({ userId: 'kate', challenge: 'ab', signature: 'AAAA', clientDataJSON: 'e30' })), {
      status: 400, body: { error: 'Missing required fields: authenticatorData, clientDataJSON, signature' },
    });
    assert.equal((await raw('/verify', 'userId=kate', 'application/x-www-form-urlencoded')).status, 400);
    assert.equal((await raw('/enroll', JSON.stringify({ userId: 'x', publicKey: 'a'.repeat(5000), deviceId: 'd' }))).status, 400);
    // A userId longer than any username is refused by the route; a path parameter over 1024
    // characters is refused before routing.
    const long = await h.app.inject({ method: 'GET', url: `/challenge/${'u'.repeat(300)}` });
    assert.deepEqual([long.statusCode, long.json()], [400, { error: 'Valid userId required' }]);
    assert.equal((await h.app.inject({ method: 'GET', url: `/challenge/${'u'.repeat(2000)}` })).statusCode, 414);
  });

  it('locks a userId out after 5 failed verifications for 15 minutes, valid proofs included', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await badSignatureFor('kate')).status, 401);
    assert.deepEqual(await badSignatureFor('kate'), LOCKED);
    assert.deepEqual(await h.verify('kate', kate), LOCKED);
    h.s.clock.advance(15 * 60_000 - 1_000);
    assert.deepEqual(await h.verify('kate', kate), { ...LOCKED, body: { ...LOCKED.body, retryAfter: 1 } });
    h.s.clock.advance(1_000);
    assert.equal((await h.verify('kate', kate)).status, 200);
    const actions = (await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 100 })).map((e) => e.action);
    assert.ok(actions.includes('device-key.locked-out'));
  });

  it('counts only consecutive failures: a success clears the count', async () => {
    for (let i = 0; i < 4; i++) await badSignatureFor('kate');
    assert.equal((await h.verify('kate', kate)).status, 200);
    for (let i = 0; i < 4; i++) await badSignatureFor('kate');
    assert.equal((await h.verify('kate', kate)).status, 200);
  });

  it('locks out the client that fails, not the user: bad proofs from another address leave the owner able to verify', async () => {
    h.s.clock.advance(15 * 60_000);
    const fromAttacker = async () => {
      const c = await h.challenge();
      const payload = { userId: 'kate', challenge: c, signature: nodeEd25519().sign(Buffer.from(c, 'hex')) };
      const res = await h.app.inject({ method: 'POST', url: '/verify', remoteAddress: '203.0.113.66', payload });
      return { status: res.statusCode, body: res.json() as unknown };
    };
    for (let i = 0; i < 5; i++) assert.equal((await fromAttacker()).status, 401);
    assert.deepEqual(await fromAttacker(), LOCKED);
    assert.equal((await h.verify('kate', kate)).status, 200);
    assert.deepEqual(await fromAttacker(), LOCKED, "the owner's success does not clear the attacker's lock");
    const locks = (await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 200 })).filter((e) => e.action === 'device-key.locked-out');
    assert.ok(locks.some((e) => JSON.stringify(e.detail) === JSON.stringify({ deviceId: null, scope: 'client', client: '203.0.113.66' })), 'the lock is audited with its scope and client');
  });

  it('locks an unknown userId out the same way, so the lockout tells nothing either', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await badSignatureFor('ghost')).status, 401);
    assert.deepEqual(await badSignatureFor('ghost'), LOCKED);
  });

  it('answers an internal failure with an opaque 500: no database text in detail', async () => {
    const storage = h.s.core.storage;
    const failing = { ...storage, credentials: { ...storage.credentials, create: async () => { throw new Error('SQLITE_IOERR: disk I/O error in /var/lib/sigil/sigil.db'); } } };
    const app = await buildApp({ ...h.s, core: { ...h.s.core, storage: failing } });
    // The management API signs up at once, so the enrollment itself writes a credential.
    const res = await app.inject({ method: 'POST', url: '/enroll', payload: { userId: 'boom', publicKey: nodeEd25519().hex, deviceId: 'd' }, headers: { 'x-api-key': TEST_ADMIN_KEY } });
    assert.deepEqual([res.statusCode, res.json()], [500, { error: 'Internal server error' }]);
    await app.close();
  });
});
