import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { startFakeTwilio, startSmtpCatcher } from './index.ts';

const post = (url: string, auth: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

describe('startFakeTwilio', () => {
  it("answers like Twilio: 404 elsewhere, 401 for another account's path, 21604/21603/21602 for missing fields", async (t) => {
    const twilio = await startFakeTwilio();
    t.after(() => twilio.close());
    const auth = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
    const path = `${twilio.apiUrl}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`;
    const full = { To: '+15551234567', From: '+15005550006', Body: 'hi 123456' };

    assert.equal((await post(`${twilio.apiUrl}/2010-04-01/Accounts/${twilio.accountSid}/Calls.json`, auth, full)).status, 404);
    const other = await post(`${twilio.apiUrl}/2010-04-01/Accounts/AC${'f'.repeat(32)}/Messages.json`, auth, full);
    assert.equal(other.status, 401);
    assert.equal(((await other.json()) as { code: number }).code, 20003);
    for (const [field, code] of [['To', 21604], ['From', 21603], ['Body', 21602]] as const) {
      const response = await post(path, auth, { ...full, [field]: '' });
      const body = (await response.json()) as Record<string, unknown>;
      assert.deepEqual([response.status, body.code, body.status, body.more_info], [400, code, 400, `https://www.twilio.com/docs/errors/${code}`]);
    }
    const ok = await post(path, auth, full);
    const resource = (await ok.json()) as Record<string, unknown>;
    assert.equal(ok.status, 201);
    assert.match(String(resource.sid), /^SM[0-9a-f]{32}$/);
    assert.deepEqual([resource.to, resource.from, resource.body, resource.status, resource.account_sid], ['+15551234567', '+15005550006', 'hi 123456', 'queued', twilio.accountSid]);
    assert.equal(twilio.messages.length, 1);
    assert.deepEqual(twilio.requests.map((r) => r.status), [404, 401, 400, 400, 400, 201]);
    twilio.reset();
    assert.deepEqual([twilio.messages.length, twilio.requests.length], [0, 0]);
  });

  it('waits for a code that has not arrived yet, and times out when none comes', async (t) => {
    const twilio = await startFakeTwilio();
    t.after(() => twilio.close());
    const auth = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
    const waiting = twilio.waitForCodeFor('+15551234567', 2000);
    setTimeout(() => void post(`${twilio.apiUrl}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`, auth, { To: '+15551234567', From: '+1500', Body: 'Code 0123456 no, 654321 yes' }), 50);
    assert.equal(await waiting, '654321', 'a run of seven digits is not a code');
    await assert.rejects(twilio.waitForCodeFor('+15550000000', 100), /no code for \+15550000000 within 100 ms/);
  });
});

describe('startSmtpCatcher', () => {
  it('accepts mail without AUTH when told to, and waits for a code', async (t) => {
    const catcher = await startSmtpCatcher({ credentials: null, mailFrom: 'otp@example.org' });
    t.after(() => catcher.close());
    assert.equal(catcher.url, `smtp://127.0.0.1:${catcher.port}`);
    assert.deepEqual(catcher.env, { SMTP_URL: catcher.url, MAIL_FROM: 'otp@example.org' });
    const waiting = catcher.waitForCodeFor('Eve@Example.com', 3000);
    const transport = nodemailer.createTransport(catcher.url);
    await transport.sendMail({ from: 'otp@example.org', to: 'eve@example.com', subject: 'x', text: 'code: 314159' });
    assert.equal(await waiting, '314159');
    assert.equal(catcher.latestFor('eve@example.com')?.user, null);
    catcher.reset();
    assert.equal(catcher.latestCodeFor('eve@example.com'), null);
  });
});
