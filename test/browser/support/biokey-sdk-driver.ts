import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPasskeyPage, PLATFORM_AUTHENTICATOR, type PasskeyPage } from './browser.ts';
import { bioKeyPage, type SdkIdentity, type SdkRequest } from './biokey-page-client.ts';
import { startBioKeyPageServer, type BioKeyPageServer, type BioKeySdkVersion } from './biokey-page-server.ts';
import { startSigilForPage, type SigilForPage } from './sigil-for-page.ts';

export interface BioKeySdkDriver {
  /** The running server (after the suite's before hook). */
  sigil(): SigilForPage;
  /** A new device: its own browser context (so its own localStorage) and virtual authenticator. */
  device(prf: boolean): Promise<PasskeyPage>;
  /** The SDK's `enroll(userId)`; fails the test if the SDK throws. Returns its one request too. */
  enroll(tab: PasskeyPage, version: BioKeySdkVersion, userId: string): Promise<{ identity: SdkIdentity; request: SdkRequest }>;
  /** The SDK's `authenticate(userId)`, with the requests it made and what the page adapted. */
  authenticate(tab: PasskeyPage, version: BioKeySdkVersion, userId: string): ReturnType<typeof authenticateOn>;
}

async function authenticateOn(tab: PasskeyPage, version: BioKeySdkVersion, server: SigilForPage, userId: string) {
  const outcome = await bioKeyPage.authenticate(tab.page, version, server.base, userId);
  return { ...outcome, ...(await bioKeyPage.drain(tab.page)) };
}

/** `METHOD /path status` of each request, for compact assertions. */
export const requestLines = (requests: SdkRequest[]): string[] => requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`);

export const verifyRequestOf = (requests: SdkRequest[]): SdkRequest | undefined => requests.find((r) => r.method === 'POST' && r.url.endsWith('/verify'));

/**
 * Registers the suite's hooks: the SDK's page on its own origin, `npm start` for that origin
 * with `env`, and one Chromium; every device opened in a test is closed after it.
 */
export function useBioKeySdk(env: Record<string, string>): BioKeySdkDriver {
  let pages: BioKeyPageServer | undefined;
  let sigil: SigilForPage | undefined;
  let browser: Browser | undefined;
  const tabs: PasskeyPage[] = [];
  before(async () => {
    pages = await startBioKeyPageServer();
    // DIALECTS names the dialects a tenant serves once they become per-tenant switches; harmless before.
    sigil = await startSigilForPage([pages.origin], { DIALECTS: 'native,biokey', ...env });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sigil?.stop();
    await pages?.close();
  });
  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((t) => t.close()));
  });
  const running = (): SigilForPage => {
    if (sigil === undefined) throw new Error('the server is not running');
    return sigil;
  };
  return {
    sigil: running,
    async device(prf) {
      if (browser === undefined || pages === undefined) throw new Error('the browser is not running');
      const tab = await openPasskeyPage(browser, `${pages.origin}/`, { ...PLATFORM_AUTHENTICATOR, hasPrf: prf });
      tabs.push(tab);
      return tab;
    },
    async enroll(tab, version, userId) {
      const { identity, error } = await bioKeyPage.enroll(tab.page, version, running().base, userId);
      assert.equal(error, undefined, JSON.stringify(error));
      const { requests } = await bioKeyPage.drain(tab.page);
      assert.deepEqual(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`), ['POST /enroll'], 'the SDK asks no challenge before creating its credential');
      return { identity: identity as SdkIdentity, request: requests[0] as SdkRequest };
    },
    authenticate: (tab, version, userId) => authenticateOn(tab, version, running(), userId),
  };
}
