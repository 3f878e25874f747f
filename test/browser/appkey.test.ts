import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/messaging/testing/index.ts';
import { base64url, describeWithChromium, launchChromium, openPasskeyPage, PLATFORM_AUTHENTICATOR } from './support/browser.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

const APP_TOKEN = 'browser-appkey-app-token-0123456789';
const CLIENT = readFileSync(new URL('./support/appkey-client.js', import.meta.url), 'utf8');

type Reply = { status: number; body: Record<string, unknown> };
type Outcome = { error?: string; options?: Reply; credential?: Record<string, unknown>; confirmed?: Reply; completed?: Reply };
type AppKeyPage = {
  appkey: {
    signup(base: string, appToken: string, handle: string, firstName: string, lastName: string): Promise<Outcome>;
    signupComplete(base: string, signupToken: string, code: string): Promise<Reply>;
    login(base: string, appToken: string, handle: string): Promise<Outcome>;
    addPasskey(base: string, accessToken: string): Promise<Outcome>;
  };
};

describeWithChromium('AppKey in Chromium: signup with the e-mailed code, login and addPasskey, from a page on another origin', () => {
  let pages: PageServer;
  let smtp: SmtpCatcher;
  let sigil: SigilForPage;
  let browser: Browser;
  before(async () => {
    pages = await startPageServer();
    smtp = await startSmtpCatcher();
    sigil = await startSigilForPage([pages.origin], { DIALECTS: 'native,appkey', APPKEY_APP_TOKEN: APP_TOKEN, ...smtp.env });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sigil?.stop();
    await smtp?.close();
    await pages?.close();
  });

  it('signs up (code read from the SMTP server), logs in, adds a second passkey and logs in with it', async () => {
    const tab = await openPasskeyPage(browser, `${pages.origin}/`);
    try {
      await tab.page.addScriptTag({ content: CLIENT });
      const page = tab.page;
      const signup = await page.evaluate(([b, t]) => (globalThis as unknown as AppKeyPage).appkey.signup(b, t, 'Ada@Example.com', 'Ada', 'Lovelace'), [sigil.base, APP_TOKEN] as const);
      assert.equal(signup.error, undefined, signup.error);
      assert.equal(signup.confirmed?.status, 200, JSON.stringify(signup.confirmed?.body));
      assert.deepEqual((signup.options?.body.rp as object), { name: 'Sigil', id: 'localhost' });
      const code = smtp.latestCodeFor('ada@example.com');
      assert.match(String(code), /^\d{6}$/);
      const token = signup.confirmed?.body['signup-token'] as string;
      const done = await page.evaluate(([b, t, c]) => (globalThis as unknown as AppKeyPage).appkey.signupComplete(b, t, c), [sigil.base, token, code as string] as const);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual([done.body.handle, done.body.displayName, done.body.loginProvider], ['ada@example.com', 'Ada Lovelace', 'handle']);
      const [stored] = await tab.credentials();
      assert.deepEqual((done.body.authenticators as { id: string }[]).map((a) => a.id), [base64url(stored?.credentialId ?? '')]);

      const login = await page.evaluate(([b, t]) => (globalThis as unknown as AppKeyPage).appkey.login(b, t, 'ada@example.com'), [sigil.base, APP_TOKEN] as const);
      assert.equal(login.error, undefined, login.error);
      assert.equal(login.completed?.status, 200, JSON.stringify(login.completed?.body));
      assert.equal(login.completed?.body.appUserId, done.body.appUserId);
      const accessToken = login.completed?.body['access-token'] as string;

      // A second device: the first authenticator holds the excluded credential.
      await tab.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: tab.authenticatorId });
      const { authenticatorId: second } = await tab.cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM_AUTHENTICATOR });
      const added = await page.evaluate(([b, t]) => (globalThis as unknown as AppKeyPage).appkey.addPasskey(b, t), [sigil.base, accessToken] as const);
      assert.equal(added.error, undefined, added.error);
      assert.equal(added.options?.status, 200, JSON.stringify(added.options?.body));
      assert.equal(added.completed?.status, 200, JSON.stringify(added.completed?.body));
      assert.equal(added.completed?.body['access-token'], accessToken, 'the SDK keeps its session');
      assert.equal((added.completed?.body.authenticators as unknown[]).length, 2);

      const again = await page.evaluate(([b, t]) => (globalThis as unknown as AppKeyPage).appkey.login(b, t, 'ada@example.com'), [sigil.base, APP_TOKEN] as const);
      assert.equal(again.completed?.status, 200, JSON.stringify(again.completed?.body ?? again.error));
      const { credentials } = await tab.cdp.send('WebAuthn.getCredentials', { authenticatorId: second });
      assert.equal(again.credential?.id, base64url(credentials[0]?.credentialId ?? ''), 'the new passkey signed');
    } finally {
      await tab.close();
    }
  });
});
