import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../core/errors.ts';
import type { CodeMessage } from '../core/ports.ts';
import { startFakeTwilio, type FakeTwilio } from './testing/index.ts';
import { createTwilioCodeSender } from './twilio-code-sender.ts';

const message = (over: Partial<CodeMessage> = {}): CodeMessage => ({
  channel: 'sms',
  to: '+15551234567',
  code: '007311',
  validForSeconds: 300,
  senderName: 'Acme Bank',
  tenantId: 't1',
  purpose: 'test:login',
  ...over,
});

const deliveryFailed = (detail: string) => (error: unknown): boolean => {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'delivery_failed');
  assert.equal(error.detail, detail);
  return true;
};

describe('Twilio code sender (through the local Twilio fake)', () => {
  let twilio: FakeTwilio;
  before(async () => {
    twilio = await startFakeTwilio();
  });
  after(() => twilio.close());

  const sender = (over: { authToken?: string } = {}) =>
    createTwilioCodeSender({ accountSid: twilio.accountSid, authToken: over.authToken ?? twilio.authToken, from: '+15005550006', apiUrl: `${twilio.apiUrl}/` });

  it('posts To, From and Body as a form with basic auth, and accepts the 201', async () => {
    await sender().send(message());
    const request = twilio.requests.at(-1);
    assert.deepEqual(request, {
      method: 'POST',
      path: `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
      status: 201,
      authorized: true,
      contentType: 'application/x-www-form-urlencoded',
      form: { To: '+15551234567', From: '+15005550006', Body: '007311 is your Acme Bank verification code. It expires in 5 minutes.' },
    });
    assert.equal(twilio.latestFor('+15551234567')?.from, '+15005550006');
    assert.equal(twilio.latestCodeFor('+15551234567'), '007311');
  });

  it('reports a refused auth token as delivery_failed with Twilio 20003', async () => {
    const before = twilio.messages.length;
    await assert.rejects(sender({ authToken: 'not-the-token-0000000000' }).send(message()), deliveryFailed('twilio: HTTP 401 code 20003: Authenticate'));
    assert.equal(twilio.requests.at(-1)?.authorized, false);
    assert.equal(twilio.messages.length, before, 'nothing sent');
  });

  it("reports Twilio's error resource as delivery_failed, with its code and message", async () => {
    twilio.failNext();
    await assert.rejects(sender().send(message()), deliveryFailed("twilio: HTTP 400 code 21211: The 'To' number is not a valid phone number."));
    twilio.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    await assert.rejects(sender().send(message()), deliveryFailed('twilio: HTTP 429 code 20429: Too Many Requests'));
    await sender().send(message({ to: '+15557654321' }));
    assert.equal(twilio.latestCodeFor('+15557654321'), '007311', 'failures were used up');
  });

  it('masks the code should a provider error ever echo the message', async () => {
    twilio.failNext({ message: 'Body 007311 refused' });
    await assert.rejects(sender().send(message()), deliveryFailed('twilio: HTTP 400 code 21211: Body ****** refused'));
  });
});

describe('Twilio code sender: API unreachable', () => {
  it('gives up on an API that never answers, within the timeout', async (t) => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      silent.closeAllConnections();
      silent.close();
    });
    const apiUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const sender = createTwilioCodeSender({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'x'.repeat(32), from: '+15005550006', apiUrl, timeoutMs: 300 });
    const started = performance.now();
    await assert.rejects(sender.send(message()), deliveryFailed('twilio: request failed: TimeoutError: The operation was aborted due to timeout'));
    assert.ok(performance.now() - started < 2000);
  });

  it('reports a refused connection as delivery_failed', async () => {
    const twilio = await startFakeTwilio();
    await twilio.close();
    const sender = createTwilioCodeSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15005550006', apiUrl: twilio.apiUrl });
    await assert.rejects(sender.send(message()), (error: unknown) => {
      assert.ok(error instanceof DomainError && error.code === 'delivery_failed');
      assert.match(error.detail ?? '', /^twilio: request failed: TypeError: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
      return true;
    });
  });
});
