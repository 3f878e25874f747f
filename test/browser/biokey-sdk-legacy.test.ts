/**
 * BioKey's own browser SDK (biokey-js 0.1.0 and 0.1.1, kept verbatim under test/browser/fixtures,
 * see its NOTICE) against `npm start` with `BIOKEY_INSECURE_LEGACY_MODE=true`, in Chromium with
 * the DevTools virtual authenticator (PRF on and off), from a page on an allowed origin. The page
 * re-keys the SDK's hex PRF `evalByCredential` map to base64url and changes nothing else (see
 * biokey-sdk-secure.test.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeWithChromium } from './support/browser.ts';
import { bioKeyPage } from './support/biokey-page-client.ts';
import { requestLines, useBioKeySdk, verifyRequestOf } from './support/biokey-sdk-driver.ts';

describeWithChromium('BioKey SDK (biokey-js) in Chromium against npm start, insecure legacy mode', () => {
  const sdk = useBioKeySdk({ BIOKEY_INSECURE_LEGACY_MODE: 'true' });

  for (const prf of [true, false]) {
    it(`0.1.0, PRF ${prf ? 'on' : 'off'}, legacy mode: enrolls, signs in, re-enrolls on a new device, and is told about an unknown user`, async () => {
      const userId = `sdk10-legacy-${prf ? 'prf' : 'rawid'}`;
      const first = await sdk.device(prf);
      const { identity, request } = await sdk.enroll(first, '0.1.0', userId);
      assert.deepEqual(Object.keys(request.body ?? {}).sort(), ['deviceId', 'method', 'publicKey', 'userId']);
      assert.deepEqual([request.status, request.response], [200, { ok: true, userId, publicKey: identity.publicKey, method: identity.method }]);
      const signIn = await sdk.authenticate(first, '0.1.0', userId);
      assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
      assert.deepEqual(requestLines(signIn.requests), ['GET /challenge 200', 'POST /verify 200']);
      assert.deepEqual(verifyRequestOf(signIn.requests)?.response, { verified: true, publicKey: identity.publicKey, userId, method: identity.method });

      const second = await sdk.device(prf);
      const moved = await sdk.enroll(second, '0.1.0', userId);
      assert.equal(moved.request.status, 200, 'v0.1.0 replaces the identity without proof');
      assert.equal((await sdk.authenticate(second, '0.1.0', userId)).error, undefined);
      assert.deepEqual((await sdk.authenticate(first, '0.1.0', userId)).error, { name: 'Error', message: 'Server public key mismatch.' });

      const stranger = await sdk.device(prf);
      assert.equal((await bioKeyPage.enroll(stranger.page, '0.1.0', null, 'local-only')).error, undefined);
      const unknown = await sdk.authenticate(stranger, '0.1.0', `${userId}-nobody`);
      assert.deepEqual(unknown.error, { name: 'Error', message: 'Server verification failed.' });
      assert.deepEqual([verifyRequestOf(unknown.requests)?.status, verifyRequestOf(unknown.requests)?.response], [404, { error: 'Unknown userId' }]);
    });
  }

  it('0.1.1, legacy mode: its proof fields take the secure path, which it passes', async () => {
    const tab = await sdk.device(true);
    await sdk.enroll(tab, '0.1.1', 'sdk11-legacy');
    const signIn = await sdk.authenticate(tab, '0.1.1', 'sdk11-legacy');
    assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
    assert.equal(typeof verifyRequestOf(signIn.requests)?.response?.['accessToken'], 'string', 'a verified proof gets a token, even under the switch');
  });
});
