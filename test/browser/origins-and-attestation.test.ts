import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium, openPasskeyPage, U2F_KEY, type AuthenticatorOptions, type PasskeyPage } from './support/browser.ts';
import { pageClient, type Json } from './support/page-client.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

describeWithChromium('origins and attestation formats, in Chromium', () => {
  let pages: PageServer;
  let foreign: PageServer;
  let sigil: SigilForPage;
  let browser: Browser;
  before(async () => {
    pages = await startPageServer();
    foreign = await startPageServer();
    sigil = await startSigilForPage([pages.origin]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sigil?.stop();
    await Promise.all([pages?.close(), foreign?.close()]);
  });

  async function withTab<T>(origin: string, authenticator: AuthenticatorOptions | undefined, run: (tab: PasskeyPage) => Promise<T>): Promise<T> {
    const tab = await openPasskeyPage(browser, `${origin}/`, authenticator);
    try {
      return await run(tab);
    } finally {
      await tab.close();
    }
  }

  async function postJson(path: string, body: Json): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${sigil.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** The fmt and trust the server recorded when it registered the user's passkey. */
  async function registrationAudit(userId: unknown): Promise<Json | undefined> {
    const { events } = (await sigil.admin('/audit?limit=500')) as { events: { action: string; subject: string; outcome: string; detail: Json }[] };
    return events.find((e) => e.action === 'passkey.registered' && e.subject === `user:${String(userId)}` && e.outcome === 'success')?.detail;
  }

  it('answers a preflight from an allowed origin with CORS and credentials, and from any other origin without', async () => {
    const preflight = (origin: string) => fetch(`${sigil.url}/assertion/options`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const allowed = await preflight(pages.origin);
    assert.deepEqual([allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-allow-credentials')], [pages.origin, 'true']);
    const refused = await preflight(foreign.origin);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  it('gives a page on an origin outside ORIGINS no way to complete a ceremony', async () => {
    await withTab(foreign.origin, undefined, async (tab) => {
      const postsBefore = await sigil.requestsTo('POST', '/attestation/options');
      const blocked = await pageClient.register(tab.page, sigil.base, { username: 'mallory' }, { sendSession: true });
      assert.deepEqual([blocked.error?.stage, blocked.error?.name, blocked.options], ['options', 'TypeError', undefined], 'CORS stops the fetch');
      assert.equal(await sigil.requestsTo('POST', '/attestation/options'), postsBefore, 'the preflight failed, so the POST was never sent');

      // Even with options obtained elsewhere and its answer carried by another channel, the
      // credential the browser made on this origin says so in clientDataJSON, and is refused.
      const options = await postJson('/attestation/options', { username: 'mallory' });
      const made = await pageClient.create(tab.page, options.body);
      assert.equal(made.error, undefined, JSON.stringify(made.error));
      const clientData = JSON.parse(Buffer.from(String((made.credential?.response as Json).clientDataJSON), 'base64url').toString()) as Json;
      assert.equal(clientData.origin, foreign.origin);
      const result = await postJson('/attestation/result', { ...made.credential, session: options.body.session });
      assert.deepEqual(result, { status: 400, body: { status: 'failed', errorMessage: 'The origin is not allowed.' } });
    });
  });

  it("registers with direct attestation: Chromium's packed statement with its test batch certificate, kept as untrusted", async () => {
    await withTab(pages.origin, undefined, async (tab) => {
      const reg = await pageClient.register(tab.page, sigil.base, { username: 'dora', attestation: 'direct' }, { sendSession: true });
      assert.equal(reg.options?.attestation, 'direct');
      assert.equal(reg.result?.status, 200, JSON.stringify(reg));
      const detail = await registrationAudit(reg.result?.body.userId);
      assert.deepEqual([detail?.fmt, detail?.trust], ['packed', 'untrusted']);
      const login = await pageClient.login(tab.page, sigil.base, { username: 'dora' }, { sendSession: true });
      assert.equal(login.result?.status, 200, JSON.stringify(login));
    });
  });

  it('registers a U2F security key (fido-u2f, no user verification) and logs in with it', async () => {
    await withTab(pages.origin, U2F_KEY, async (tab) => {
      const request = { username: 'ursula', attestation: 'direct', authenticatorSelection: { residentKey: 'discouraged', userVerification: 'discouraged' } };
      const reg = await pageClient.register(tab.page, sigil.base, request);
      assert.equal(reg.result?.status, 200, JSON.stringify(reg));
      const detail = await registrationAudit(reg.result?.body.userId);
      assert.deepEqual([detail?.fmt, detail?.trust, detail?.aaguid], ['fido-u2f', 'untrusted', '00000000-0000-0000-0000-000000000000']);
      const login = await pageClient.login(tab.page, sigil.base, { username: 'ursula' });
      assert.equal(login.result?.status, 200, JSON.stringify(login));
      assert.deepEqual([login.result?.body.username, login.result?.body.credentialId], ['ursula', reg.result?.body.credentialId]);
    });
  });
});
