/**
 * SwapBits over HTTP with P-256 keys and ECDSA signatures made by the openssl command line, an
 * implementation independent of the one node:crypto links: every key encoding the dialect
 * accepts, with DER and raw r||s signatures.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadOpensslVectors } from '../../crypto/device-keys/fixtures/load-openssl-vectors.ts';
import { isOpensslAvailable } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { KEY_ENCODINGS, opensslP256, startSwapBitsHarness, type SwapBitsHarness } from './swapbits-harness.ts';

const skip = isOpensslAvailable() ? false : 'the openssl command line is not installed';

describe('SwapBits with openssl-made P-256 keys and signatures', { skip }, () => {
  let h: SwapBitsHarness;
  let token: string;
  before(async () => {
    h = await startSwapBitsHarness();
    token = (await h.user('openssl-user')).token;
  });
  after(() => h.close());

  for (const encoding of KEY_ENCODINGS) {
    it(`registers a ${encoding} key and verifies DER and raw signatures`, async () => {
      const device = opensslP256();
      const deviceId = randomUUID();
      assert.equal((await h.register(token, deviceId, device, encoding)).body.code, 1021);
      for (const format of ['der', 'raw'] as const) {
        const res = await h.verify(token, deviceId, device, format);
        assert.deepEqual([res.status, res.body.code], [200, 1016], format);
      }
      const other = opensslP256();
      assert.equal((await h.verify(token, deviceId, other)).body.code, 4007, "another openssl key's signature");
    });
  }

  it('accepts the captured openssl vector key in each of its encodings as one and the same key', async () => {
    const { p256 } = loadOpensslVectors();
    const deviceId = randomUUID();
    const register = (publicKey: string) =>
      h.call('POST', '/auth/biometry/register', token, { deviceId, deviceName: 'vector', platform: 'iOS', publicKey, algorithm: 'P-256' });
    const first = await register(p256.spkiBase64);
    assert.equal(first.body.code, 1021);
    for (const text of [p256.pem, p256.x963Base64, p256.x963Hex]) {
      assert.deepEqual((await register(text)).body, first.body, 'the same key again: unchanged');
    }
  });
});
