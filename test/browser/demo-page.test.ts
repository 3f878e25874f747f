import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { DIALECTS } from '../../src/dialects/registry.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { describeWithChromium, launchChromium, openPasskeyPage, type PasskeyPage } from './support/browser.ts';
import { findFreePort } from './support/page-server.ts';

/** Screenshots of the run (git-ignored), to look at what the pages render. */
const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;

describeWithChromium('the /demo page in Chromium, served by Sigil on the default tenant\'s origin', () => {
  let server: RunningServer;
  let base: string;
  let browser: Browser;
  let tab: PasskeyPage;
  const consoleErrors: string[] = [];
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await findFreePort();
    base = `http://localhost:${port}`;
    server = await startServer({ PORT: String(port), RP_ID: 'localhost', ORIGINS: base });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    consoleErrors.length = 0;
    tab = await openPasskeyPage(browser, `${base}/demo`);
    tab.page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });
  afterEach(() => tab.close());

  const claimsShown = async (): Promise<Record<string, unknown>> => JSON.parse(await tab.page.locator('#token-claims').innerText()) as Record<string, unknown>;

  it('registers a passkey, logs in with it (by username, then discoverably), and shows the decoded access token', async () => {
    const { page } = tab;
    assert.equal(await page.title(), 'Sigil passkey demo');
    await page.fill('#username', 'demo-alice');
    await page.click('#register');
    await page.waitForSelector('#status[data-state="ok"]');
    assert.equal(await page.locator('#status').innerText(), 'Passkey created for demo-alice.');
    const registered = await claimsShown();
    assert.deepEqual([registered.aud, registered.amr, registered.iss], ['localhost', ['passkey'], base]);
    const [stored] = await tab.credentials();
    assert.equal(stored?.rpId, 'localhost');

    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { dataset: { state: string }; hidden: boolean } } }).document;
      doc.getElementById('status').dataset.state = 'idle';
      doc.getElementById('token').hidden = true;
    });
    const answer = page.waitForResponse((r) => r.url() === `${base}/assertion/result`);
    await page.click('#login');
    await page.waitForSelector('#status[data-state="ok"]');
    assert.equal(await page.locator('#status').innerText(), 'Signed in as demo-alice.');
    const loggedIn = await claimsShown();
    // What the page decoded are the claims of the token Sigil signed.
    const { accessToken } = (await (await answer).json()) as { accessToken: string };
    const verified = await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`)), { issuer: base, audience: 'localhost' });
    assert.deepEqual(loggedIn, verified.payload);
    assert.equal(loggedIn.sub, registered.sub);
    assert.notEqual(loggedIn.jti, registered.jti);
    assert.equal(await page.locator('#token-header').innerText().then((t) => (JSON.parse(t) as { alg: string }).alg), 'ES256');
    await page.screenshot({ path: `${SCREENSHOTS}demo-signed-in.png`, fullPage: true });

    const header = await page.locator('#token-user').innerText();
    assert.match(header, new RegExp(`^demo-alice \\(${String(registered.sub)}\\)$`));

    await page.fill('#username', '');
    await page.click('#login');
    await page.waitForSelector('#status[data-state="ok"]');
    assert.equal(await page.locator('#status').innerText(), 'Signed in as demo-alice.');
    assert.deepEqual(consoleErrors, [], 'no script, CSP or network error on the page');
  });

  it('serves the page and its modules under a strict CSP, with no script from elsewhere', async () => {
    const res = await fetch(`${base}/demo`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    const html = await res.text();
    assert.deepEqual([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]), ['data:,', '/demo/demo.css', '/demo/demo.js', '/.well-known/jwks.json']);
    const vendor = await fetch(`${server.url}/demo/vendor/simplewebauthn/index.js`);
    assert.deepEqual([vendor.status, vendor.headers.get('content-type')], [200, 'text/javascript; charset=utf-8']);
    assert.match(await vendor.text(), /startRegistration/);
    assert.equal((await fetch(`${server.url}/demo/vendor/simplewebauthn/../../package.json`)).status, 404);
  });

  it('refuses to run from an origin the default tenant does not allow, and says why', async () => {
    const other = await browser.newPage();
    const res = await other.goto(`${server.url}/demo`);
    assert.equal(res?.status(), 403);
    assert.match(await other.locator('body').innerText(), /not among the default tenant's origins/);
    assert.equal(await other.locator('#register').count(), 0);
    await other.close();
  });

  it('renders the API reference at /docs from the package, one definition per dialect', async () => {
    const { page } = tab;
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .info .title');
    assert.match(await page.locator('.swagger-ui .info .title').innerText(), /Sigil: native passkey API and management API/);
    await page.waitForSelector('.opblock-summary-path');
    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    assert.ok(paths.some((p) => p.includes('/assertion/options')), paths.join(' '));
    const definitions = await page.locator('.topbar select option').allInnerTexts();
    // One definition per dialect in the registry, in its order: a new dialect appears by itself.
    assert.deepEqual(definitions, DIALECTS.map((d) => d.name));
    await page.screenshot({ path: `${SCREENSHOTS}docs.png` });
    assert.deepEqual(consoleErrors, [], 'no script, CSP or network error on the page');
  });
});
