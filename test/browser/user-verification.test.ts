import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium, openPasskeyPage } from './support/browser.ts';
import { pageClient, type Json } from './support/page-client.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

describeWithChromium('a tenant with USER_VERIFICATION=required, in Chromium', () => {
  let pages: PageServer;
  let sigil: SigilForPage;
  let browser: Browser;
  before(async () => {
    pages = await startPageServer();
    sigil = await startSigilForPage([pages.origin], { USER_VERIFICATION: 'required' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sigil?.stop();
    await pages?.close();
  });

  it('fails a login while the authenticator cannot verify the user, refuses a page that lowers the requirement, and succeeds once verified', async () => {
    const tab = await openPasskeyPage(browser, `${pages.origin}/`);
    try {
      const reg = await pageClient.register(tab.page, sigil.base, { username: 'dave', authenticatorSelection: { userVerification: 'discouraged' } }, { sendSession: true });
      assert.equal((reg.options?.authenticatorSelection as Json | undefined)?.userVerification, 'required', 'a client cannot lower the tenant policy');
      assert.equal(reg.result?.status, 200, JSON.stringify(reg));

      await tab.setUserVerified(false);
      const resultsBefore = await sigil.requestsTo('POST', '/assertion/result');
      const unverified = await pageClient.login(tab.page, sigil.base, { username: 'dave' }, { sendSession: true });
      assert.equal(unverified.options?.userVerification, 'required');
      assert.deepEqual([unverified.error?.stage, unverified.error?.name, unverified.result], ['browser', 'NotAllowedError', undefined]);
      assert.equal(await sigil.requestsTo('POST', '/assertion/result'), resultsBefore, 'nothing reached /assertion/result');

      // A page that asks the browser for less than the server required gets an unverified
      // assertion; the server judges it by the policy it stored with the challenge.
      const lowered = await pageClient.login(tab.page, sigil.base, { username: 'dave' }, { sendSession: true, overrides: { userVerification: 'discouraged' } });
      assert.equal(lowered.error, undefined, JSON.stringify(lowered.error));
      assert.equal(Buffer.from(String(lowered.credential?.response.authenticatorData), 'base64url')[32]! & 0x04, 0, 'UV flag clear');
      assert.deepEqual(lowered.result, { status: 400, body: { status: 'failed', errorMessage: 'User verification is required.' } });
      assert.equal(await sigil.requestsTo('POST', '/assertion/result'), resultsBefore + 1);

      await tab.setUserVerified(true);
      const verified = await pageClient.login(tab.page, sigil.base, { username: 'dave' }, { sendSession: true });
      assert.equal(verified.result?.status, 200, JSON.stringify(verified));
      assert.deepEqual([verified.result?.body.userId, verified.result?.body.username], [reg.result?.body.userId, 'dave']);
    } finally {
      await tab.close();
    }
  });

  it('refuses a registration while the authenticator cannot verify the user', async () => {
    const tab = await openPasskeyPage(browser, `${pages.origin}/`);
    try {
      await tab.setUserVerified(false);
      const reg = await pageClient.register(tab.page, sigil.base, { username: 'erin' }, { sendSession: true });
      assert.deepEqual([reg.error?.stage, reg.error?.name, reg.result], ['browser', 'NotAllowedError', undefined]);
      assert.deepEqual(await tab.credentials(), []);
    } finally {
      await tab.close();
    }
  });
});
