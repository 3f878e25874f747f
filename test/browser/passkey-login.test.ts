import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { base64url, describeWithChromium, launchChromium, openPasskeyPage, type PasskeyPage } from './support/browser.ts';
import { pageClient, type CeremonyOutcome, type Json } from './support/page-client.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

/** The counter in an assertion's authenticator data (bytes 33–36, big-endian; WebAuthn §6.1). */
const signCountOf = (outcome: CeremonyOutcome): number => Buffer.from(String(outcome.credential?.response.authenticatorData), 'base64url').readUInt32BE(33);

function assertSucceeded(outcome: CeremonyOutcome): Json {
  assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
  assert.ok(outcome.result, 'a result was posted');
  assert.equal(outcome.result.status, 200, JSON.stringify(outcome.result.body));
  return outcome.result.body;
}

describeWithChromium('passkeys in Chromium against npm start, from a page on another origin', () => {
  let pages: PageServer;
  let sigil: SigilForPage;
  let browser: Browser;
  let tab: PasskeyPage;
  before(async () => {
    pages = await startPageServer();
    sigil = await startSigilForPage([pages.origin]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sigil?.stop();
    await pages?.close();
  });
  beforeEach(async () => {
    tab = await openPasskeyPage(browser, `${pages.origin}/`);
  });
  afterEach(() => tab.close());

  async function verifyToken(token: unknown) {
    const jwks = createRemoteJWKSet(new URL(`${sigil.url}/.well-known/jwks.json`));
    return (await jwtVerify(String(token), jwks, { issuer: sigil.base, audience: 'localhost' })).payload;
  }

  it('registers a resident, user-verified passkey with the session in the cookie alone, then logs in username-first with it in the body', async () => {
    assert.deepEqual(await pageClient.capabilities(tab.page), { secureContext: true, parseCreationOptionsFromJSON: true, parseRequestOptionsFromJSON: true });
    const reg = await pageClient.register(tab.page, sigil.base, { username: 'alice', displayName: 'Alice', authenticatorSelection: { residentKey: 'required', userVerification: 'required' } });
    const registered = assertSucceeded(reg);
    assert.deepEqual(reg.options?.rp, { name: 'Sigil', id: 'localhost' });
    assert.deepEqual(reg.options?.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
    assert.deepEqual([registered.status, registered.errorMessage, registered.username, registered.tokenType, registered.credentialId], ['ok', '', 'alice', 'Bearer', reg.credential?.id]);

    const [stored] = await tab.credentials();
    assert.deepEqual([base64url(stored?.credentialId ?? ''), stored?.isResidentCredential, stored?.rpId], [registered.credentialId, true, 'localhost']);
    assert.equal(Buffer.from(stored?.userHandle ?? '', 'base64').toString(), registered.userId, 'the user handle is the user id');
    const regClaims = await verifyToken(registered.accessToken);
    assert.deepEqual([regClaims.sub, regClaims.amr, regClaims.cred], [registered.userId, ['passkey'], registered.credentialId]);

    const login = await pageClient.login(tab.page, sigil.base, { username: 'alice' }, { sendSession: true });
    const loggedIn = assertSucceeded(login);
    assert.deepEqual(login.options?.allowCredentials, [{ type: 'public-key', id: registered.credentialId, transports: ['internal'] }]);
    assert.deepEqual([loggedIn.userId, loggedIn.username, loggedIn.credentialId], [registered.userId, 'alice', registered.credentialId]);
    const claims = await verifyToken(loggedIn.accessToken);
    assert.deepEqual([claims.sub, claims.aud, claims.iss], [registered.userId, 'localhost', sigil.base]);
  });

  it('keeps the ceremony session in an HttpOnly, SameSite=Lax cookie the page cannot read, and clears it with the result', async () => {
    assertSucceeded(await pageClient.register(tab.page, sigil.base, { username: 'cookie-user' }));
    const started = await pageClient.fetchOptions(tab.page, `${sigil.base}/assertion/options`, { username: 'cookie-user' });
    assert.equal(started.options?.status, 200);
    const cookie = (await tab.context.cookies(sigil.base)).find((c) => c.name === 'sigil_authentication');
    assert.deepEqual([cookie?.value, cookie?.httpOnly, cookie?.sameSite, cookie?.domain], [started.options?.body.session, true, 'Lax', 'localhost']);
    assert.equal(await tab.page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie.includes('sigil_')), false);

    assertSucceeded(await pageClient.login(tab.page, sigil.base, { username: 'cookie-user' }));
    assert.equal((await tab.context.cookies(sigil.base)).some((c) => c.name.startsWith('sigil_')), false, 'both ceremony cookies are cleared');
  });

  it('logs in discoverably (no username): the browser picks the resident passkey and the user handle names the user, also through the fallback JSON code', async () => {
    const registered = assertSucceeded(await pageClient.register(tab.page, sigil.base, { username: 'bob', authenticatorSelection: { residentKey: 'required' } }, { sendSession: true }));
    // Without the L3 JSON helpers the page converts by hand, as for an older browser.
    await tab.page.evaluate(() => {
      const pkc = (globalThis as unknown as { PublicKeyCredential: { parseRequestOptionsFromJSON?: unknown; prototype: { toJSON?: unknown } } }).PublicKeyCredential;
      delete pkc.parseRequestOptionsFromJSON;
      delete pkc.prototype.toJSON;
    });
    assert.equal((await pageClient.capabilities(tab.page)).parseRequestOptionsFromJSON, false);

    const login = await pageClient.login(tab.page, sigil.base, {}, { sendSession: true });
    const loggedIn = assertSucceeded(login);
    assert.deepEqual(login.options?.allowCredentials, []);
    assert.equal(Buffer.from(String(login.credential?.response.userHandle), 'base64url').toString(), registered.userId);
    assert.deepEqual([loggedIn.userId, loggedIn.username, loggedIn.credentialId], [registered.userId, 'bob', registered.credentialId]);
  });

  it('stores the counter of every login, and refuses an authenticator whose counter was rewound (a clone)', async () => {
    const registered = assertSucceeded(await pageClient.register(tab.page, sigil.base, { username: 'carol' }, { sendSession: true }));
    const [original] = await tab.credentials();
    assert.ok(original);
    const counts = [];
    for (let i = 0; i < 2; i++) {
      const login = await pageClient.login(tab.page, sigil.base, { username: 'carol' }, { sendSession: i === 0 });
      assertSucceeded(login);
      counts.push(signCountOf(login));
    }
    assert.deepEqual(counts, [original.signCount + 1, original.signCount + 2]);

    // The same key with the counter it had at registration: its next assertion (count + 1) is
    // below what the server stored from the two logins, which only a server that kept them sees.
    await tab.cdp.send('WebAuthn.removeCredential', { authenticatorId: tab.authenticatorId, credentialId: original.credentialId });
    await tab.cdp.send('WebAuthn.addCredential', { authenticatorId: tab.authenticatorId, credential: original });
    const cloned = await pageClient.login(tab.page, sigil.base, { username: 'carol' }, { sendSession: true });
    assert.equal(signCountOf(cloned), original.signCount + 1);
    assert.deepEqual(cloned.result, { status: 400, body: { status: 'failed', errorMessage: 'The signature counter did not increase; the authenticator may be cloned.' } });
    assert.equal(registered.credentialId, base64url(original.credentialId));
  });
});
