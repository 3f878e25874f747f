/**
 * BioKey's own browser SDK (biokey-js 0.1.0 and 0.1.1, kept verbatim under test/browser/fixtures,
 * see its NOTICE) against `npm start` in secure mode (the default), in Chromium with the
 * DevTools virtual authenticator (PRF on and off), from a page on an allowed origin.
 *
 * One thing is adapted, in the page and not in the SDK: both versions key the PRF extension's
 * `evalByCredential` by the credential id in hex, where WebAuthn wants base64url, and Chromium
 * refuses such a get() before any request reaches the server (the last test shows it). The
 * page re-keys that map (test/browser/support/biokey-page.js); everything else is the SDK as
 * published.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describeWithChromium, type PasskeyPage } from './support/browser.ts';
import { bioKeyPage } from './support/biokey-page-client.ts';
import { requestLines, useBioKeySdk, verifyRequestOf } from './support/biokey-sdk-driver.ts';

const ALREADY_ENROLLED = { error: 'Already enrolled' };

describeWithChromium('BioKey SDK (biokey-js) in Chromium against npm start, secure mode', () => {
  const sdk = useBioKeySdk({});

  for (const prf of [true, false]) {
    it(`0.1.1, PRF ${prf ? 'on' : 'off'}, secure mode: enrolls over its own challenge, signs in through GET /challenge/<userId>, gets its identity value echoed and a token`, async () => {
      const tab = await sdk.device(prf);
      const userId = `sdk11-${prf ? 'prf' : 'rawid'}`;
      const { identity, request } = await sdk.enroll(tab, '0.1.1', userId);
      assert.equal(identity.method, prf ? 'prf' : 'rawid');
      assert.deepEqual(Object.keys(request.body ?? {}).sort(), ['attestationObject', 'clientDataJSON', 'deviceId', 'method', 'publicKey', 'userId']);
      assert.deepEqual([request.status, request.response], [200, { ok: true, userId, publicKey: identity.publicKey, method: identity.method }]);

      const signIn = await sdk.authenticate(tab, '0.1.1', userId);
      assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
      assert.deepEqual(signIn.result, { verified: true, publicKey: identity.publicKey, method: prf ? 'prf' : 'rawid' });
      assert.deepEqual(requestLines(signIn.requests), [`GET /challenge/${userId} 200`, 'POST /verify 200']);
      assert.deepEqual(signIn.adapted.map((a) => a.from), [identity.credentialId]);
      const { accessToken, expiresAt, ...answer } = verifyRequestOf(signIn.requests)?.response ?? {};
      assert.deepEqual(answer, { verified: true, publicKey: identity.publicKey, userId, method: identity.method });
      assert.equal(typeof expiresAt, 'string');
      const jwks = createRemoteJWKSet(new URL(`${sdk.sigil().url}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(String(accessToken), jwks, { issuer: sdk.sigil().base, audience: 'localhost' });
      assert.deepEqual(payload.amr, ['hwk', 'bio']);
      assert.equal(payload.cred, Buffer.from(identity.credentialId, 'hex').toString('base64url'), 'the attested credential answered');
    });
  }

  it('0.1.1, secure mode: a confirmed userId is refused to another device, which then cannot sign in', async () => {
    const owner = await sdk.device(true);
    await sdk.enroll(owner, '0.1.1', 'sdk11-owned');
    assert.equal((await sdk.authenticate(owner, '0.1.1', 'sdk11-owned')).error, undefined);
    const other = await sdk.device(true);
    const { request } = await sdk.enroll(other, '0.1.1', 'sdk11-owned');
    assert.deepEqual([request.status, request.response], [409, ALREADY_ENROLLED]);
    const attempt = await sdk.authenticate(other, '0.1.1', 'sdk11-owned');
    assert.deepEqual(attempt.error, { name: 'Error', message: 'Server verification failed.' });
    assert.deepEqual([verifyRequestOf(attempt.requests)?.status, verifyRequestOf(attempt.requests)?.response], [401, { error: 'Authentication failed' }]);
    assert.equal((await sdk.authenticate(owner, '0.1.1', 'sdk11-owned')).error, undefined, 'the owner still signs in');
  });

  it('0.1.1, secure mode: an enrollment nobody confirmed is replaced by a later one', async () => {
    const first = await sdk.device(false);
    await sdk.enroll(first, '0.1.1', 'sdk11-replaced');
    const second = await sdk.device(true);
    const { request } = await sdk.enroll(second, '0.1.1', 'sdk11-replaced');
    assert.equal(request.status, 200);
    assert.deepEqual((await sdk.authenticate(first, '0.1.1', 'sdk11-replaced')).error, { name: 'Error', message: 'Server verification failed.' });
    assert.equal((await sdk.authenticate(second, '0.1.1', 'sdk11-replaced')).error, undefined);
  });

  it('0.1.0, secure mode: refused at /verify, and an enrollment it left behind never locks the userId', async () => {
    // About half of 0.1.0's identity values (PRF outputs) are Ed25519 points, which secure mode
    // takes as a key; enroll until one is, so the userId has a proof-less enrollment waiting.
    let userId = '';
    let tab: PasskeyPage | undefined;
    for (let i = 0; i < 12 && userId === ''; i++) {
      tab = await sdk.device(true);
      const { request } = await sdk.enroll(tab, '0.1.0', `sdk10-squat-${i}`);
      if (request.status === 200) userId = `sdk10-squat-${i}`;
      else assert.deepEqual([request.status, request.response], [400, { error: 'Invalid publicKey format' }]);
    }
    assert.notEqual(userId, '', 'one of twelve identity values was a curve point');
    const refused = await sdk.authenticate(tab as PasskeyPage, '0.1.0', userId);
    assert.deepEqual(refused.error, { name: 'Error', message: 'Server verification failed.' });
    assert.deepEqual(requestLines(refused.requests), ['GET /challenge 200', 'POST /verify 400']);
    assert.deepEqual(verifyRequestOf(refused.requests)?.response, { error: 'Missing required fields: userId, challenge, signature' });

    const current = await sdk.device(true);
    const { request } = await sdk.enroll(current, '0.1.1', userId);
    assert.equal(request.status, 200, 'the userId was not locked by the key nobody holds');
    assert.equal((await sdk.authenticate(current, '0.1.1', userId)).error, undefined);
  });
  it("without the page's adaptation, Chromium refuses the SDK's hex evalByCredential key before any /verify", async () => {
    const tab = await sdk.device(true);
    await sdk.enroll(tab, '0.1.1', 'sdk11-unadapted');
    await bioKeyPage.setAdaptation(tab.page, false);
    const attempt = await sdk.authenticate(tab, '0.1.1', 'sdk11-unadapted');
    assert.equal(attempt.error?.name, 'SyntaxError', JSON.stringify(attempt.error));
    assert.deepEqual(requestLines(attempt.requests), ['GET /challenge/sdk11-unadapted 200']);
  });
});
