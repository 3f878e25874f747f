import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium, openPasskeyPage, type PasskeyPage } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

const APP_ID = '7d4c2b1a-9e8f-4a6b-8c5d-3e2f1a0b9c8d';

type Outcome = { stage: string; status?: number; body?: Record<string, unknown>; error?: { name: string; message: string }; action?: string; txId?: string };
type LoginIdPage = { loginid: Record<string, (...args: unknown[]) => Promise<Outcome>> };
const run = (page: Page, method: string, ...args: unknown[]): Promise<Outcome> =>
  page.evaluate(([m, a]) => (globalThis as unknown as LoginIdPage).loginid[m as string]!(...(a as unknown[])), [method, args] as const);

function succeeded(outcome: Outcome): Record<string, unknown> {
  assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
  assert.deepEqual([outcome.stage, outcome.status], ['complete', 200], JSON.stringify(outcome.body));
  return outcome.body ?? {};
}

describeWithChromium('LoginID web SDK requests in Chromium against npm start (/fido2/v2), from a page on another origin', () => {
  let pages: PageServer;
  let sigil: SigilForPage;
  let browser: Browser;
  let tab: PasskeyPage;
  before(async () => {
    pages = await startPageServer('loginid-client.js');
    sigil = await startSigilForPage([pages.origin], { DIALECTS: 'native,loginid', LOGINID_APP_ID: APP_ID });
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

  it('registers, logs in (username-first and usernameless), lists passkeys with the bare JWT and confirms a transaction', async () => {
    const reg = succeeded(await run(tab.page, 'createPasskey', sigil.base, APP_ID, 'billy@loginid.io', ''));
    assert.deepEqual(Object.keys(reg).sort(), ['deviceId', 'jwtAccess', 'passkeyId', 'userId']);
    const jwks = createRemoteJWKSet(new URL(`${sigil.url}/fido2/v2/.well-known/jwks.json`));
    const { payload } = await jwtVerify(String(reg.jwtAccess), jwks, { issuer: sigil.base, audience: 'localhost' });
    assert.deepEqual([payload.sub, payload.username], [reg.userId, 'billy@loginid.io']);

    const login = await run(tab.page, 'authenticateWithPasskey', sigil.base, APP_ID, 'billy@loginid.io');
    assert.equal(login.action, 'proceed');
    assert.equal(succeeded(login).userId, reg.userId);
    const usernameless = succeeded(await run(tab.page, 'authenticateWithPasskey', sigil.base, APP_ID, ''));
    assert.deepEqual([usernameless.userId, usernameless.passkeyId], [reg.userId, reg.passkeyId]);

    // A cross-origin GET with Authorization: the browser preflights it, and Sigil allows it.
    const listed = await run(tab.page, 'listPasskeys', sigil.base, String(usernameless.jwtAccess));
    assert.equal(listed.status, 200, JSON.stringify(listed));
    assert.deepEqual((listed.body as unknown as { id: string }[]).map((p) => p.id), [reg.passkeyId]);

    const payloadText = JSON.stringify({ amount: 100, recipient: 'bob@securepay.com' });
    const tx = await run(tab.page, 'confirmTransaction', sigil.base, 'billy@loginid.io', payloadText, 'f846bb01-492e-422b-944a-44b04adc441e');
    const confirmed = succeeded(tx);
    assert.deepEqual([confirmed.credentialId, confirmed.txId, confirmed.nonce], [reg.passkeyId, tx.txId, 'f846bb01-492e-422b-944a-44b04adc441e']);
    const txClaims = (await jwtVerify(String(confirmed.token), jwks, { issuer: sigil.base, audience: 'localhost' })).payload;
    assert.equal(txClaims.txn, tx.txId);
  });

  it('refuses another app id, and a login with no passkey answers crossAuth with options the SDK can still hand to the browser', async () => {
    const wrong = await run(tab.page, 'createPasskey', sigil.base, '00000000-0000-4000-8000-000000000000', 'mallory@loginid.io', '');
    assert.deepEqual([wrong.stage, wrong.status, wrong.body], ['init', 403, { msg: 'This credential may not perform this operation.', msgCode: 'forbidden' }]);
    const stranger = await run(tab.page, 'authenticateWithPasskey', sigil.base, APP_ID, 'stranger@loginid.io');
    assert.equal(stranger.action, 'crossAuth');
    assert.deepEqual([stranger.stage, stranger.error?.name], ['browser', 'NotAllowedError'], 'the authenticator holds no credential for the stand-in ids');
  });
});
