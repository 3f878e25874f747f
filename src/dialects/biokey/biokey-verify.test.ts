import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAccessToken } from '../../core/tokens/verify-access-token.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const FAILED = { error: 'Authentication failed' };
const BAD_CHALLENGE = { error: 'Invalid or expired challenge' };

describe('BioKey /verify: proof of possession by default', () => {
  let h: BioKeyHarness;
  const alice = nodeEd25519();
  const bob = nodeEd25519();
  before(async () => {
    h = await startBioKeyHarness();
    assert.equal((await h.enroll('alice', alice)).status, 200);
    assert.equal((await h.enroll('bob', bob)).status, 200);
  });
  after(() => h.close());

  const post = (body: unknown, prefix = '') => h.call('POST', `${prefix}/verify`, body);
  const signed = (c: string, device = alice) => device.sign(Buffer.from(c, 'hex'));

  it('answers GET / with the server info and GET /challenge with 32 fresh random bytes in hex', async () => {
    assert.deepEqual(await h.call('GET', '/'), { status: 200, body: { name: 'biokey-server', version: '0.1.0' } });
    const [a, b] = [await h.challenge(), await h.challenge()];
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, b);
  });

  it('verifies an Ed25519 signature over the challenge bytes and issues an access token (amr hwk, bio)', async () => {
    const res = await h.verify('alice', alice);
    assert.equal(res.status, 200);
    const { accessToken, ...rest } = res.body;
    assert.deepEqual(rest, { verified: true, publicKey: alice.hex, userId: 'alice', method: 'prf', expiresAt: '2026-11-23T12:15:00.000Z' });
    const claims = await verifyAccessToken(h.s.core, h.s.core.tenants.defaultTenant(), accessToken as string);
    const user = await h.s.core.storage.users.getByUsername(claims.tenant, 'alice');
    assert.deepEqual([claims.sub, claims.amr], [user?.id, ['hwk', 'bio']]);
  });

  it('refuses a replayed challenge: single use', async () => {
    const c = await h.challenge();
    assert.equal((await post({ userId: 'alice', challenge: c, signature: signed(c) })).status, 200);
    assert.deepEqual(await post({ userId: 'alice', challenge: c, signature: signed(c) }), { status: 401, body: BAD_CHALLENGE });
  });

  it('refuses an expired challenge (300 s) and accepts one a millisecond younger', async () => {
    const late = await h.challenge();
    const young = await h.challenge();
    h.s.clock.advance(299_999);
    assert.equal((await post({ userId: 'alice', challenge: young, signature: signed(young) })).status, 200);
    h.s.clock.advance(1);
    assert.deepEqual(await post({ userId: 'alice', challenge: late, signature: signed(late) }), { status: 401, body: BAD_CHALLENGE });
  });

  it('refuses an altered echo of the challenge (the challenge is its own id) and one never issued', async () => {
    const c = await h.challenge();
    const altered = `${c.slice(0, 63)}${c[63] === '0' ? '1' : '0'}`;
    assert.deepEqual(await post({ userId: 'alice', challenge: altered, signature: signed(altered) }), { status: 401, body: BAD_CHALLENGE });
    // The untouched challenge is still good: a wrong handle consumes nothing.
    assert.equal((await post({ userId: 'alice', challenge: c.toUpperCase(), signature: signed(c) })).status, 200);
  });

  it("refuses another user's key, and a challenge bound to another user or issued by another tenant", async () => {
    const c = await h.challenge();
    assert.deepEqual(await post({ userId: 'alice', challenge: c, signature: signed(c, bob) }), { status: 401, body: FAILED });
    const forBob = await h.challenge('', 'bob');
    assert.deepEqual(await post({ userId: 'alice', challenge: forBob, signature: signed(forBob) }), { status: 401, body: BAD_CHALLENGE });
    const forAlice = await h.challenge('', 'alice');
    assert.equal((await post({ userId: 'alice', challenge: forAlice, signature: signed(forAlice) })).status, 200);
    const acme = await h.challenge('/t/acme');
    assert.deepEqual(await post({ userId: 'alice', challenge: acme, signature: signed(acme) }), { status: 401, body: BAD_CHALLENGE });
  });

  it('answers an unknown userId exactly like a wrong signature (no enumeration)', async () => {
    const c1 = await h.challenge();
    const unknown = await post({ userId: 'nobody', challenge: c1, signature: signed(c1) });
    const c2 = await h.challenge();
    const wrong = await post({ userId: 'bob', challenge: c2, signature: signed(c2, alice) });
    assert.deepEqual(unknown, { status: 401, body: FAILED });
    assert.deepEqual(wrong, unknown);
    assert.deepEqual(await post({ userId: 'nobody', challenge: c1, signature: signed(c1) }), { status: 401, body: BAD_CHALLENGE }, 'consumed as for a known user');
  });

  it('needs proof: the v0.1.0 body alone is a 400 and consumes nothing', async () => {
    const c = await h.challenge();
    assert.deepEqual(await post({ userId: 'alice', challenge: c }), { status: 400, body: { error: 'Missing required fields: userId, challenge, signature' } });
    assert.equal((await post({ userId: 'alice', challenge: c, signature: signed(c) })).status, 200);
  });

  it('serves each tenant under /t/<slug>/ with its own users', async () => {
    const carol = nodeEd25519();
    assert.equal((await h.enroll('carol', carol, {}, '/t/acme')).status, 200);
    assert.equal((await h.verify('carol', carol, '/t/acme')).status, 200);
    assert.deepEqual(await h.verify('carol', carol), { status: 401, body: FAILED });
    assert.deepEqual(await h.verify('alice', alice, '/t/acme'), { status: 401, body: FAILED });
  });
});
