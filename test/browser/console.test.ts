import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium, openPasskeyPage, type PasskeyPage } from './support/browser.ts';
import { pageClient } from './support/page-client.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { startSigilForPage, type SigilForPage } from './support/sigil-for-page.ts';

/** Screenshots of the console's pages, for people to look at (git-ignored). */
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;

describeWithChromium('the admin console in Chromium: first operator, passkey sign-in, revoking a user’s passkey', () => {
  let pages: PageServer;
  let sigil: SigilForPage;
  let browser: Browser;
  let operator: PasskeyPage;
  let app: PasskeyPage;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pages = await startPageServer();
    // ADMIN_API_KEY is set, and the first start on an empty database still prints the link.
    sigil = await startSigilForPage([pages.origin]);
    browser = await launchChromium();
  });
  after(async () => {
    await operator?.close();
    await app?.close();
    await browser?.close();
    await sigil?.stop();
    await pages?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  const heading = (page: Page) => page.locator('main.content h1').first().textContent();

  it('enrolls the first operator through the printed link, signs in with the passkey, finds a user, revokes the passkey, and that passkey then fails to log in', async () => {
    // A user of the tenant's web app registers a resident passkey there (another origin).
    app = await openPasskeyPage(browser, `${pages.origin}/`);
    const registered = await pageClient.register(app.page, sigil.base, { username: 'alice', displayName: 'Alice Example', authenticatorSelection: { residentKey: 'required' } }, { sendSession: true });
    assert.equal(registered.result?.status, 200, JSON.stringify(registered));
    assert.equal((await pageClient.login(app.page, sigil.base, {}, { sendSession: true })).result?.status, 200, 'the passkey logs in before it is revoked');

    // The link printed at the first start; its secret travels in the fragment.
    const link = /(http:\/\/localhost:\d+\/console\/#enroll=sigil_oe_[\w-]{43})/.exec(sigil.server.output())?.[1];
    assert.ok(link, `the first start printed an enrollment link:\n${sigil.server.output()}`);
    operator = await openPasskeyPage(browser, link);
    const page = operator.page;
    await page.locator('#enroll-form').waitFor();
    await shot(page, '01-enroll');
    await page.fill('input[name=username]', 'ops-admin');
    await page.fill('input[name=displayName]', 'Olivia Operator');
    await page.click('#enroll-submit');
    await page.locator('#stat-logins').waitFor();
    assert.equal(await page.locator('#who').textContent(), 'Olivia Operator');
    assert.equal(page.url(), `${sigil.base}/console/#/overview`, 'the secret left the address bar');
    const cookie = (await operator.context.cookies(sigil.base)).find((c) => c.name === 'sigil_console');
    assert.deepEqual([cookie?.httpOnly, cookie?.sameSite, cookie?.path], [true, 'Strict', '/']);

    // Sign out, and back in with the passkey alone (discoverable).
    await page.click('#sign-out');
    await page.locator('#passkey-form').waitFor();
    await shot(page, '02-sign-in');
    await page.click('#passkey-sign-in');
    await page.locator('#stat-logins').waitFor();
    assert.equal(await page.locator('#stat-logins').textContent(), '2', "alice's login and the operator's passkey sign-in");
    await shot(page, '03-overview');

    // Find alice and revoke her passkey, confirming in the dialog.
    await page.click('nav >> text=Users');
    await page.fill('#user-search', 'ali');
    await page.click('form.toolbar button[type=submit]');
    await page.locator('#user-results a >> text=alice').waitFor();
    await shot(page, '04-users');
    await page.click('#user-results a >> text=alice');
    await page.locator('#credentials button.revoke').waitFor();
    assert.equal(await heading(page), 'Alice Example active');
    await shot(page, '05-user-detail');
    await page.click('#credentials button.revoke');
    await page.locator('dialog#confirm[open]').waitFor();
    await shot(page, '06-confirm-revoke');
    await page.click('#confirm-ok');
    await page.locator('#credentials .badge.revoked').waitFor();
    assert.equal(await page.locator('#credentials button.revoke').count(), 0);

    // The revoked passkey no longer logs in, and the revocation is audited with the operator as actor.
    const refused = await pageClient.login(app.page, sigil.base, {}, { sendSession: true });
    assert.deepEqual(refused.result, { status: 403, body: { status: 'failed', errorMessage: refused.result?.body.errorMessage } });
    const operatorId = String(((await sigil.admin('/users?query=ops-admin')).users as { id: string }[])[0]?.id);
    const { events } = (await sigil.admin('/audit?action=credential.revoked')) as { events: { actor: string; outcome: string }[] };
    assert.deepEqual(events.map((e) => [e.actor, e.outcome]), [[`user:${operatorId}`, 'success']]);

    // The other pages render without an error, for the screenshots.
    for (const [nav, name] of [['API keys', '07-api-keys'], ['Signing keys', '08-signing-keys'], ['Audit log', '09-audit'], ['Settings', '10-settings'], ['Tenants', '11-tenants']] as const) {
      await page.click(`nav >> text=${nav}`);
      await page.locator('main.content table, main.content dl').first().waitFor();
      assert.equal(await page.locator('main.content .notice.error').count(), 0, `${nav} shows no error`);
      await shot(page, name);
    }

    // A second operator's link, from the settings page: shown once, replacing the printed one.
    await page.click('nav >> text=Settings');
    await page.click('#new-operator-link');
    const second = await page.locator('.secret-box input').inputValue();
    assert.match(second, new RegExp(`^${sigil.base}/console/#enroll=sigil_oe_[\\w-]{43}$`));
    const { operators } = (await sigil.admin('/operators')) as { operators: { userId: string; username: string; scopes: string[] }[] };
    assert.deepEqual(operators.map((o) => [o.userId, o.username, o.scopes]), [[operatorId, 'ops-admin', ['*']]]);
  });
});
