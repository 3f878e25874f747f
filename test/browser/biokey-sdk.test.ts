/**
 * BioKey's own browser SDK (biokey-js 0.1.0 and 0.1.1, kept verbatim under test/browser/fixtures,
 * see its NOTICE) against `npm start`, in Chromium with the DevTools virtual authenticator (PRF
 * on and off), from a page on an allowed origin.
 *
 * One thing is adapted, in the page and not in the SDK: both versions key the PRF extension's
 * `evalByCredential` by the credential id in hex, where WebAuthn wants base64url, and Chromium
 * refuses such a get() before any request reaches the server (the last test shows it). The
 * page re-keys that map; everything else is the SDK as published.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium, openPasskeyPage, PLATFORM_AUTHENTICATOR, type PasskeyPage } from './support/browser.ts';
import { bioKeyPage, type SdkIdentity, type SdkRequest } from './support/biokey-page-client.ts';
import { startBioKeyPageServer, type BioKeyPageServer, type BioKeySdkVersion } from './support/biokey-page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

const ALREADY_ENROLLED = { error: 'Already enrolled' };

describeWithChromium('BioKey SDK (biokey-js) in Chromium against npm start', () => {
  let pages: BioKeyPageServer;
  let secure: SigilForPage;
  let legacy: SigilForPage;
  let browser: Browser;
  const tabs: PasskeyPage[] = [];
  before(async () => {
    pages = await startBioKeyPageServer();
    // DIALECTS names the dialects a tenant serves once they become per-tenant switches; harmless before.
    [secure, legacy] = await Promise.all([
      startSigilForPage([pages.origin], { DIALECTS: 'native,biokey' }),
      startSigilForPage([pages.origin], { DIALECTS: 'native,biokey', BIOKEY_INSECURE_LEGACY_MODE: 'true' }),
    ]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([secure?.stop(), legacy?.stop()]);
    await pages?.close();
  });
  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((t) => t.close()));
  });

  /** A new device: its own context (so its own localStorage) and virtual authenticator. */
  async function device(prf: boolean): Promise<PasskeyPage> {
    const tab = await openPasskeyPage(browser, `${pages.origin}/`, { ...PLATFORM_AUTHENTICATOR, hasPrf: prf });
    tabs.push(tab);
    return tab;
  }

  async function enroll(tab: PasskeyPage, version: BioKeySdkVersion, server: SigilForPage, userId: string): Promise<{ identity: SdkIdentity; request: SdkRequest }> {
    const { identity, error } = await bioKeyPage.enroll(tab.page, version, server.base, userId);
    assert.equal(error, undefined, JSON.stringify(error));
    const { requests } = await bioKeyPage.drain(tab.page);
    assert.deepEqual(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`), ['POST /enroll'], 'the SDK asks no challenge before creating its credential');
    return { identity: identity as SdkIdentity, request: requests[0] as SdkRequest };
  }

  async function authenticate(tab: PasskeyPage, version: BioKeySdkVersion, server: SigilForPage, userId: string) {
    const outcome = await bioKeyPage.authenticate(tab.page, version, server.base, userId);
    return { ...outcome, ...(await bioKeyPage.drain(tab.page)) };
  }

  const verifyRequestOf = (requests: SdkRequest[]) => requests.find((r) => r.method === 'POST' && r.url.endsWith('/verify'));

  for (const prf of [true, false]) {
    it(`0.1.1, PRF ${prf ? 'on' : 'off'}, secure mode: enrolls over its own challenge, signs in through GET /challenge/<userId>, gets its identity value echoed and a token`, async () => {
      const tab = await device(prf);
      const userId = `sdk11-${prf ? 'prf' : 'rawid'}`;
      const { identity, request } = await enroll(tab, '0.1.1', secure, userId);
      assert.equal(identity.method, prf ? 'prf' : 'rawid');
      assert.deepEqual(Object.keys(request.body ?? {}).sort(), ['attestationObject', 'clientDataJSON', 'deviceId', 'method', 'publicKey', 'userId']);
      assert.deepEqual([request.status, request.response], [200, { ok: true, userId, publicKey: identity.publicKey, method: identity.method }]);

      const signIn = await authenticate(tab, '0.1.1', secure, userId);
      assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
      assert.deepEqual(signIn.result, { verified: true, publicKey: identity.publicKey, method: prf ? 'prf' : 'rawid' });
      assert.deepEqual(signIn.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`), [`GET /challenge/${userId} 200`, 'POST /verify 200']);
      assert.deepEqual(signIn.adapted.map((a) => a.from), [identity.credentialId]);
      const { accessToken, expiresAt, ...answer } = verifyRequestOf(signIn.requests)?.response ?? {};
      assert.deepEqual(answer, { verified: true, publicKey: identity.publicKey, userId, method: identity.method });
      assert.equal(typeof expiresAt, 'string');
      const jwks = createRemoteJWKSet(new URL(`${secure.url}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(String(accessToken), jwks, { issuer: secure.base, audience: 'localhost' });
      assert.deepEqual(payload.amr, ['hwk', 'bio']);
      assert.equal(payload.cred, Buffer.from(identity.credentialId, 'hex').toString('base64url'), 'the attested credential answered');
    });
  }

  it('0.1.1, secure mode: a confirmed userId is refused to another device, which then cannot sign in', async () => {
    const owner = await device(true);
    await enroll(owner, '0.1.1', secure, 'sdk11-owned');
    assert.equal((await authenticate(owner, '0.1.1', secure, 'sdk11-owned')).error, undefined);
    const other = await device(true);
    const { request } = await enroll(other, '0.1.1', secure, 'sdk11-owned');
    assert.deepEqual([request.status, request.response], [409, ALREADY_ENROLLED]);
    const attempt = await authenticate(other, '0.1.1', secure, 'sdk11-owned');
    assert.deepEqual(attempt.error, { name: 'Error', message: 'Server verification failed.' });
    assert.deepEqual([verifyRequestOf(attempt.requests)?.status, verifyRequestOf(attempt.requests)?.response], [401, { error: 'Authentication failed' }]);
    assert.equal((await authenticate(owner, '0.1.1', secure, 'sdk11-owned')).error, undefined, 'the owner still signs in');
  });

  it('0.1.1, secure mode: an enrollment nobody confirmed is replaced by a later one', async () => {
    const first = await device(false);
    await enroll(first, '0.1.1', secure, 'sdk11-replaced');
    const second = await device(true);
    const { request } = await enroll(second, '0.1.1', secure, 'sdk11-replaced');
    assert.equal(request.status, 200);
    assert.deepEqual((await authenticate(first, '0.1.1', secure, 'sdk11-replaced')).error, { name: 'Error', message: 'Server verification failed.' });
    assert.equal((await authenticate(second, '0.1.1', secure, 'sdk11-replaced')).error, undefined);
  });

  it('0.1.0, secure mode: refused at /verify, and an enrollment it left behind never locks the userId', async () => {
    // About half of 0.1.0's identity values (PRF outputs) are Ed25519 points, which secure mode
    // takes as a key; enroll until one is, so the userId has a proof-less enrollment waiting.
    let userId = '';
    let tab: PasskeyPage | undefined;
    for (let i = 0; i < 12 && userId === ''; i++) {
      tab = await device(true);
      const { request } = await enroll(tab, '0.1.0', secure, `sdk10-squat-${i}`);
      if (request.status === 200) userId = `sdk10-squat-${i}`;
      else assert.deepEqual([request.status, request.response], [400, { error: 'Invalid publicKey format' }]);
    }
    assert.notEqual(userId, '', 'one of twelve identity values was a curve point');
    const refused = await authenticate(tab as PasskeyPage, '0.1.0', secure, userId);
    assert.deepEqual(refused.error, { name: 'Error', message: 'Server verification failed.' });
    assert.deepEqual(refused.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`), ['GET /challenge 200', 'POST /verify 400']);
    assert.deepEqual(verifyRequestOf(refused.requests)?.response, { error: 'Missing required fields: userId, challenge, signature' });

    const current = await device(true);
    const { request } = await enroll(current, '0.1.1', secure, userId);
    assert.equal(request.status, 200, 'the userId was not locked by the key nobody holds');
    assert.equal((await authenticate(current, '0.1.1', secure, userId)).error, undefined);
  });

  for (const prf of [true, false]) {
    it(`0.1.0, PRF ${prf ? 'on' : 'off'}, legacy mode: enrolls, signs in, re-enrolls on a new device, and is told about an unknown user`, async () => {
      const userId = `sdk10-legacy-${prf ? 'prf' : 'rawid'}`;
      const first = await device(prf);
      const { identity, request } = await enroll(first, '0.1.0', legacy, userId);
      assert.deepEqual(Object.keys(request.body ?? {}).sort(), ['deviceId', 'method', 'publicKey', 'userId']);
      assert.deepEqual([request.status, request.response], [200, { ok: true, userId, publicKey: identity.publicKey, method: identity.method }]);
      const signIn = await authenticate(first, '0.1.0', legacy, userId);
      assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
      assert.deepEqual(signIn.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`), ['GET /challenge 200', 'POST /verify 200']);
      assert.deepEqual(verifyRequestOf(signIn.requests)?.response, { verified: true, publicKey: identity.publicKey, userId, method: identity.method });

      const second = await device(prf);
      const moved = await enroll(second, '0.1.0', legacy, userId);
      assert.equal(moved.request.status, 200, 'v0.1.0 replaces the identity without proof');
      assert.equal((await authenticate(second, '0.1.0', legacy, userId)).error, undefined);
      assert.deepEqual((await authenticate(first, '0.1.0', legacy, userId)).error, { name: 'Error', message: 'Server public key mismatch.' });

      const stranger = await device(prf);
      assert.equal((await bioKeyPage.enroll(stranger.page, '0.1.0', null, 'local-only')).error, undefined);
      const unknown = await authenticate(stranger, '0.1.0', legacy, `${userId}-nobody`);
      assert.deepEqual(unknown.error, { name: 'Error', message: 'Server verification failed.' });
      assert.deepEqual([verifyRequestOf(unknown.requests)?.status, verifyRequestOf(unknown.requests)?.response], [404, { error: 'Unknown userId' }]);
    });
  }

  it('0.1.1, legacy mode: its proof fields take the secure path, which it passes', async () => {
    const tab = await device(true);
    await enroll(tab, '0.1.1', legacy, 'sdk11-legacy');
    const signIn = await authenticate(tab, '0.1.1', legacy, 'sdk11-legacy');
    assert.equal(signIn.error, undefined, JSON.stringify(signIn.error));
    assert.equal(typeof verifyRequestOf(signIn.requests)?.response?.['accessToken'], 'string', 'a verified proof gets a token, even under the switch');
  });

  it("without the page's adaptation, Chromium refuses the SDK's hex evalByCredential key before any /verify", async () => {
    const tab = await device(true);
    await enroll(tab, '0.1.1', secure, 'sdk11-unadapted');
    await bioKeyPage.setAdaptation(tab.page, false);
    const attempt = await authenticate(tab, '0.1.1', secure, 'sdk11-unadapted');
    assert.equal(attempt.error?.name, 'SyntaxError', JSON.stringify(attempt.error));
    assert.deepEqual(attempt.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`), ['GET /challenge/sdk11-unadapted']);
  });
});
