import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../core/errors.ts';
import type { CodeMessage } from '../core/ports.ts';
import { createSmtpCodeSender, requiresStartTls } from './smtp-code-sender.ts';
import { startSmtpCatcher, type SmtpCatcher } from './testing/index.ts';

const message = (over: Partial<CodeMessage> = {}): CodeMessage => ({
  channel: 'email',
  to: 'ada@example.com',
  code: '042917',
  validForSeconds: 300,
  senderName: 'Acme Bank',
  tenantId: 't1',
  purpose: 'test:login',
  ...over,
});

const deliveryFailed = (detail: RegExp) => (error: unknown): boolean => {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'delivery_failed');
  assert.match(error.detail ?? '', detail);
  assert.doesNotMatch(error.detail ?? '', /042917/);
  return true;
};

describe('SMTP code sender (through a real SMTP server on loopback)', () => {
  let catcher: SmtpCatcher;
  before(async () => {
    catcher = await startSmtpCatcher();
  });
  after(() => catcher.close());

  it('delivers a plain-text and an HTML body with the code and its lifetime, from the tenant name', async () => {
    const sender = createSmtpCodeSender({ url: catcher.url, fromAddress: 'codes@sigil.test' });
    await sender.send(message());
    const mail = catcher.latestFor('ada@example.com');
    assert.ok(mail);
    assert.deepEqual(mail.to, ['ada@example.com']);
    assert.equal(mail.envelopeFrom, 'codes@sigil.test');
    assert.equal(mail.user, 'sigil', 'authenticated with the credentials of the URL');
    assert.equal(mail.fromName, 'Acme Bank');
    assert.equal(mail.fromAddress, 'codes@sigil.test');
    assert.equal(mail.subject, '042917 is your Acme Bank verification code');
    assert.equal(
      mail.text,
      'Your Acme Bank verification code is 042917.\n\nIt expires in 5 minutes and can be used once.\nIf you did not ask for it, you can ignore this message.\n',
    );
    assert.match(mail.html ?? '', /<p style="font-size: 28px; font-weight: bold; letter-spacing: 4px">042917<\/p>/);
    assert.match(mail.html ?? '', /It expires in 5 minutes/);
    assert.equal(catcher.latestCodeFor('ADA@example.com'), '042917');
  });

  it('encodes a non-ASCII sender name and escapes it in HTML', async () => {
    const sender = createSmtpCodeSender({ url: catcher.url, fromAddress: 'codes@sigil.test' });
    await sender.send(message({ to: 'bob@example.com', senderName: 'Café <Crème> & Co\r\nBcc: evil@example.com', validForSeconds: 90 }));
    const mail = catcher.latestFor('bob@example.com');
    assert.ok(mail);
    assert.equal(mail.fromName, 'Café <Crème> & Co  Bcc: evil@example.com');
    assert.equal(mail.headers.get('bcc'), undefined, 'no header smuggled in through the name');
    assert.deepEqual(mail.to, ['bob@example.com']);
    assert.match(mail.html ?? '', /Your Café &lt;Crème&gt; &amp; Co {2}Bcc: evil@example.com verification code/);
    assert.match(mail.text ?? '', /It expires in 90 seconds/);
  });

  it('reports wrong credentials as delivery_failed (EAUTH), without the code', async () => {
    const url = catcher.url.replace('catcher-secret', 'wrong');
    const sender = createSmtpCodeSender({ url, fromAddress: 'codes@sigil.test' });
    await assert.rejects(sender.send(message()), deliveryFailed(/^smtp: EAUTH AUTH PLAIN 535 /));
  });

  it('reports a refused recipient as delivery_failed (EENVELOPE 550)', async () => {
    catcher.rejectRecipients(1, 'No such user here');
    const sender = createSmtpCodeSender({ url: catcher.url, fromAddress: 'codes@sigil.test' });
    await assert.rejects(sender.send(message()), deliveryFailed(/^smtp: EENVELOPE RCPT TO 550 .*No such user here/));
  });
});

describe('SMTP code sender: TLS', () => {
  it('requires STARTTLS for smtp:// beyond loopback; smtps:// is TLS from the start', () => {
    assert.equal(requiresStartTls('smtp://u:p@mail.example.com:587'), true);
    assert.equal(requiresStartTls('smtp://10.0.0.5'), true);
    assert.equal(requiresStartTls('smtps://u:p@mail.example.com'), false);
    assert.equal(requiresStartTls('smtp://127.0.0.1:2525'), false);
    assert.equal(requiresStartTls('smtp://localhost:25'), false);
    assert.equal(requiresStartTls('smtp://[::1]:25'), false);
  });

  it('with requireTLS (the default beyond loopback), refuses a server that offers no STARTTLS', async (t) => {
    // The catcher listens on loopback and offers no STARTTLS: the URL turns requireTLS on here.
    const catcher = await startSmtpCatcher();
    t.after(() => catcher.close());
    const sender = createSmtpCodeSender({ url: `${catcher.url}?requireTLS=true`, fromAddress: 'codes@sigil.test' });
    await assert.rejects(sender.send(message()), deliveryFailed(/^smtp: ETLS /));
    assert.equal(catcher.messages.length, 0, 'nothing sent in the clear');
  });
});

describe('SMTP code sender: credentials', () => {
  it('decodes URL-encoded credentials', async (t) => {
    const catcher = await startSmtpCatcher({ credentials: { user: 'codes@example.com', pass: 'p@ss:w/rd%20 x' } });
    t.after(() => catcher.close());
    await createSmtpCodeSender({ url: catcher.url, fromAddress: 'codes@sigil.test' }).send(message());
    assert.equal(catcher.latestFor('ada@example.com')?.user, 'codes@example.com');
  });
});

describe('SMTP code sender: server down', () => {
  it('reports a refused connection as delivery_failed, promptly', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sender = createSmtpCodeSender({ url: `smtp://sigil:secret@127.0.0.1:${port}`, fromAddress: 'codes@sigil.test' });
    const started = performance.now();
    await assert.rejects(sender.send(message()), deliveryFailed(/^smtp: ESOCKET CONN connect ECONNREFUSED 127.0.0.1:/));
    assert.ok(performance.now() - started < 2000);
  });

  it('gives up on a server that accepts and never greets, within the timeout', async (t) => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      silent.close();
    });
    const { port } = silent.address() as AddressInfo;
    const sender = createSmtpCodeSender({ url: `smtp://127.0.0.1:${port}`, fromAddress: 'codes@sigil.test', timeoutMs: 300 });
    const started = performance.now();
    await assert.rejects(sender.send(message()), deliveryFailed(/^smtp: ETIMEDOUT/));
    assert.ok(performance.now() - started < 2000);
  });
});
