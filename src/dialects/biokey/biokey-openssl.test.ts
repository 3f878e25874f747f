/**
 * BioKey over HTTP with keys and signatures made by the openssl command line, an Ed25519
 * implementation independent of the one node:crypto links.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadOpensslVectors } from '../../crypto/device-keys/fixtures/load-openssl-vectors.ts';
import { isOpensslAvailable } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { opensslEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const skip = isOpensslAvailable() ? false : 'the openssl command line is not installed';

describe('BioKey with openssl-made Ed25519 keys', { skip }, () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness();
  });
  after(() => h.close());

  it('enrolls an openssl key (raw hex) and verifies openssl signatures over fresh challenges', async () => {
    const device = opensslEd25519();
    assert.equal((await h.enroll('olga', device)).status, 200);
    for (let i = 0; i < 3; i++) {
      const res = await h.verify('olga', device);
      assert.deepEqual([res.status, res.body.publicKey, res.body.verified], [200, device.hex, true]);
    }
  });

  it('re-enrolls with a proof signed by openssl, then refuses the replaced key', async () => {
    const old = opensslEd25519();
    const next = opensslEd25519();
    await h.enroll('oscar', old);
    const challenge = await h.challenge('', 'oscar');
    const res = await h.enroll('oscar', next, { challenge, signature: old.sign(Buffer.from(challenge, 'hex')) });
    assert.equal(res.status, 200);
    assert.equal((await h.verify('oscar', old)).status, 401);
    assert.equal((await h.verify('oscar', next)).status, 200);
  });

  it('accepts the captured openssl vector key and echoes it', async () => {
    const { ed25519 } = loadOpensslVectors();
    const res = await h.call('POST', '/enroll', { userId: 'vector', publicKey: ed25519.rawHex, deviceId: 'd', method: 'rawid' });
    assert.deepEqual(res, { status: 200, body: { ok: true, userId: 'vector', publicKey: ed25519.rawHex, method: 'rawid' } });
  });
});
