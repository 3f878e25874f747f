import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH; playwright-core drives it and never downloads one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A suite that needs Chromium: skipped with a visible reason when it is missing, unless
 * TEST_REQUIRE_SERVICES=1 (CI), where a missing browser fails the run.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  const missing = !existsSync(CHROMIUM);
  if (missing && process.env.TEST_REQUIRE_SERVICES === '1') {
    it(`${name}: Chromium is installed`, () => assert.fail(`TEST_REQUIRE_SERVICES=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`));
    return;
  }
  // A WebAuthn call that never settles would otherwise wait for the options' 5-minute timeout.
  describe(name, { skip: missing ? `${CHROMIUM} not found (apt-get install -y chromium)` : false, timeout: 60_000 }, suite);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Sessions run as root (no sandbox); nothing may reach the network beyond loopback.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The members of CDP's `WebAuthn.VirtualAuthenticatorOptions` these tests use. */
export interface AuthenticatorOptions {
  readonly protocol: 'ctap2' | 'u2f';
  readonly ctap2Version?: 'ctap2_0' | 'ctap2_1';
  readonly transport: 'usb' | 'nfc' | 'ble' | 'internal';
  readonly hasResidentKey?: boolean;
  readonly hasUserVerification?: boolean;
  readonly isUserVerified?: boolean;
  readonly automaticPresenceSimulation?: boolean;
  /** The PRF extension (CTAP2 hmac-secret), also at creation. */
  readonly hasPrf?: boolean;
}

/** A platform authenticator with resident keys and user verification, verified by default. */
export const PLATFORM_AUTHENTICATOR: AuthenticatorOptions = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

/** A U2F security key: no resident keys, no user verification. */
export const U2F_KEY: AuthenticatorOptions = { protocol: 'u2f', transport: 'usb', hasResidentKey: false, hasUserVerification: false, automaticPresenceSimulation: true };

/** A fresh context with the test page at `url` and its own virtual authenticator (at most 3 resident credentials). */
export async function openPasskeyPage(browser: Browser, url: string, authenticator: AuthenticatorOptions = PLATFORM_AUTHENTICATOR) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: authenticator });
  return {
    context,
    page,
    cdp,
    authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    setUserVerified: async (isUserVerified: boolean) => {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    close: () => context.close(),
  };
}

export type PasskeyPage = Awaited<ReturnType<typeof openPasskeyPage>>;

/** CDP gives ids in standard base64; WebAuthn JSON uses base64url. */
export const base64url = (base64: string): string => Buffer.from(base64, 'base64').toString('base64url');
