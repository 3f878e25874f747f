/**
 * No silent claims: a BioKey enrollment of a new userId that proves nothing is provisional. It
 * becomes permanent at its first successful /verify, a later enrollment replaces it meanwhile,
 * and it lapses after an hour. Seed-shaped clients (enroll an Ed25519 key, then sign) see no change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const FAILED = { status: 401, body: { error: 'Authentication failed' } };
const CONFLICT = { status: 409, body: { error: 'Already enrolled' } };
const HOUR_MS = 3_600_000;

describe('BioKey: a proof-less enrollment of a new userId never locks it', () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness();
  });
  after(() => h.close());

  const tenantId = () => h.s.core.tenants.defaultTenant().id;

  it('lets a later enrollment replace one whose key nobody proved (the v0.1.0 SDK case)', async () => {
    // A v0.1.0 client sends a PRF output as publicKey; about half are Ed25519 points, as this
    // key is once its private half is thrown away: nobody can ever sign with it.
    const unusable = nodeEd25519();
    assert.equal((await h.enroll('olga', unusable)).status, 200);
    const real = nodeEd25519();
    assert.equal((await h.enroll('olga', real, { deviceId: 'phone-2' })).status, 200);
    assert.deepEqual(await h.verify('olga', unusable), FAILED, 'the replaced enrollment answers nothing');
    assert.equal((await h.verify('olga', real)).status, 200);
    assert.deepEqual(await h.enroll('olga', nodeEd25519()), CONFLICT, 'permanent once proved');
    assert.equal((await h.verify('olga', real)).status, 200);
  });

  it('keeps a provisional enrollment through wrong proofs, for its owner', async () => {
    const key = nodeEd25519();
    await h.enroll('pia', key);
    assert.deepEqual(await h.verify('pia', nodeEd25519()), FAILED);
    assert.equal(await h.s.core.storage.users.getByUsername(tenantId(), 'pia'), null);
    assert.equal((await h.verify('pia', key)).status, 200);
  });

  it('lapses an hour after the enrollment if nothing proved it', async () => {
    const [late, inTime] = [nodeEd25519(), nodeEd25519()];
    await h.enroll('quinn', late);
    await h.enroll('quincy', inTime);
    h.s.clock.advance(HOUR_MS - 1);
    assert.equal((await h.verify('quincy', inTime)).status, 200);
    h.s.clock.advance(1);
    assert.deepEqual(await h.verify('quinn', late), FAILED);
    assert.equal(await h.s.core.storage.users.getByUsername(tenantId(), 'quinn'), null);
  });

  it('answers a retried enrollment of the same key with 200 and confirms with either', async () => {
    const key = nodeEd25519();
    const body = { ok: true, userId: 'rita', publicKey: key.hex, method: 'prf' };
    assert.deepEqual(await h.enroll('rita', key), { status: 200, body });
    assert.deepEqual(await h.enroll('rita', key), { status: 200, body });
    assert.equal((await h.verify('rita', key)).status, 200);
    assert.deepEqual(await h.enroll('rita', key), { status: 200, body }, 'a retry after confirmation changes nothing');
  });

  it('lets the same key wait for two names, and binds it to the first that proves it', async () => {
    const key = nodeEd25519();
    await h.enroll('sam', key);
    await h.enroll('samuel', key);
    assert.equal((await h.verify('samuel', key)).status, 200);
    assert.deepEqual(await h.verify('sam', key), CONFLICT);
    assert.equal(await h.s.core.storage.users.getByUsername(tenantId(), 'sam'), null);
  });

  it('is confirmed by a challenge bound to the userId (GET /challenge/<userId>) and never by one bound to another', async () => {
    const key = nodeEd25519();
    await h.enroll('tess', key);
    const forOther = await h.challenge('', 'someone');
    assert.deepEqual(await h.call('POST', '/verify', { userId: 'tess', challenge: forOther, signature: key.sign(Buffer.from(forOther, 'hex')) }), { status: 401, body: { error: 'Invalid or expired challenge' } });
    const own = await h.challenge('', 'tess');
    assert.equal((await h.call('POST', '/verify', { userId: 'tess', challenge: own, signature: key.sign(Buffer.from(own, 'hex')) })).status, 200);
  });

  it('refuses a provisional enrollment where sign-up is closed', async () => {
    const closed = await startBioKeyHarness({ ALLOW_SIGN_UP: 'false' });
    try {
      assert.deepEqual(await closed.enroll('uma', nodeEd25519()), { status: 403, body: { error: 'Enrollment is closed' } });
    } finally {
      await closed.close();
    }
  });
});
