import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeTwilio, startSmtpCatcher, type FakeTwilio, type SmtpCatcher } from '../../messaging/testing/index.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import { recordingLogger } from '../../testing/one-time-code-harness.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import { availableChannels, deliverOneTimeCode } from './deliver-one-time-code.ts';
import { issueOneTimeCode } from './issue-one-time-code.ts';
import { verifyOneTimeCode } from './verify-one-time-code.ts';

const refusedWith = (code: ErrorCode) => (error: unknown): boolean => error instanceof DomainError && error.code === code;

describe('deliverOneTimeCode, composed from configuration', () => {
  let smtp: SmtpCatcher;
  let twilio: FakeTwilio;
  let services: TestServices;
  const logger = recordingLogger();
  const ctx = { requestId: 'req-9', ip: '203.0.113.7', actor: 'anonymous', logger };

  before(async () => {
    smtp = await startSmtpCatcher();
    twilio = await startFakeTwilio();
    services = await createTestServices({ env: { ...smtp.env, ...twilio.env, RP_NAME: 'Acme Bank' } });
  });
  after(async () => {
    await services.dispose();
    await smtp.close();
    await twilio.close();
  });

  const tenant = () => services.core.tenants.defaultTenant();

  it('offers both channels when both are configured', () => {
    assert.deepEqual(availableChannels(services.core, tenant()), ['email', 'sms']);
  });

  it('sends an issued code by email from the tenant name; the received code verifies', async () => {
    const issued = await issueOneTimeCode(services.core, ctx, tenant(), { purpose: 'test:email', subject: 'u-1' });
    await deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'email', address: 'ada@example.com', code: issued, purpose: 'test:email' });
    const mail = smtp.latestFor('ada@example.com');
    assert.equal(mail?.fromName, 'Acme Bank');
    assert.equal(mail?.fromAddress, 'codes@sigil.test');
    assert.match(mail?.text ?? '', /It expires in 5 minutes/);
    const received = smtp.latestCodeFor('ada@example.com');
    assert.equal(received, issued.code);
    await verifyOneTimeCode(services.core, ctx, tenant(), { purpose: 'test:email', subject: 'u-1', code: received ?? '' });
    const [event] = (await services.core.storage.audit.list(tenant().id, { limit: 50 })).filter((e) => e.action === 'one-time-code.delivered');
    assert.deepEqual(event?.detail, { purpose: 'test:email', channel: 'email' });
  });

  it('sends an issued code by SMS through Twilio, with its remaining lifetime', async () => {
    const issued = await issueOneTimeCode(services.core, ctx, tenant(), { purpose: 'test:sms', subject: 'u-2', ttlSeconds: 600 });
    services.clock.advance(60_000);
    await deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'sms', address: '+15551230000', code: issued, purpose: 'test:sms' });
    assert.equal(twilio.latestFor('+15551230000')?.body, `${issued.code} is your Acme Bank verification code. It expires in 9 minutes.`);
    assert.equal(twilio.latestCodeFor('+15551230000'), issued.code);
  });

  it('turns a provider failure into delivery_failed, logged and audited without the code or address', async () => {
    const issued = await issueOneTimeCode(services.core, ctx, tenant(), { purpose: 'test:sms', subject: 'u-3' });
    twilio.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    await assert.rejects(
      deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'sms', address: '+15551239999', code: issued, purpose: 'test:sms' }),
      (error: unknown) => refusedWith('delivery_failed')(error) && (error as DomainError).detail === 'twilio: HTTP 503 code 20503: Service Unavailable',
    );
    const line = logger.lines.at(-1);
    assert.deepEqual(line, {
      level: 'error',
      fields: { tenantId: tenant().id, purpose: 'test:sms', channel: 'sms', detail: 'twilio: HTTP 503 code 20503: Service Unavailable' },
      message: 'one-time code delivery failed',
    });
    assert.ok(!JSON.stringify(logger.lines).includes(issued.code));
    const [event] = (await services.core.storage.audit.list(tenant().id, { limit: 50 })).filter((e) => e.action === 'one-time-code.delivery-failed');
    assert.deepEqual([event?.outcome, event?.detail], ['failure', { purpose: 'test:sms', channel: 'sms' }]);
  });

  it('refuses an address of the wrong form, and a code that has already expired', async () => {
    const issued = await issueOneTimeCode(services.core, ctx, tenant(), { purpose: 'test:email', subject: 'u-4' });
    for (const address of ['not-an-address', 'a@b', 'ada@example.com\r\nBcc: x@example.com', 'Ada <ada@example.com>', 'a,b@example.com']) {
      await assert.rejects(deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'email', address, code: issued, purpose: 'p' }), refusedWith('invalid_request'), address);
    }
    for (const address of ['5551234567', '+0123456789', '+1555123456789012', '+1 555 123 4567']) {
      await assert.rejects(deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'sms', address, code: issued, purpose: 'p' }), refusedWith('invalid_request'), address);
    }
    services.clock.advance(300_000);
    await assert.rejects(deliverOneTimeCode(services.core, ctx, tenant(), { channel: 'email', address: 'ada@example.com', code: issued, purpose: 'p' }), refusedWith('code_expired'));
  });
});

describe('deliverOneTimeCode without providers', () => {
  it('offers no channel and refuses each with channel_unavailable', async (t) => {
    const services = await createTestServices();
    t.after(() => services.dispose());
    const ctx = { requestId: null, ip: null, actor: 'system', logger: recordingLogger() };
    const tenant = services.core.tenants.defaultTenant();
    assert.deepEqual(availableChannels(services.core, tenant), []);
    const code = await issueOneTimeCode(services.core, ctx, tenant, { purpose: 'p', subject: 's' });
    await assert.rejects(deliverOneTimeCode(services.core, ctx, tenant, { channel: 'email', address: 'ada@example.com', code, purpose: 'p' }), refusedWith('channel_unavailable'));
    await assert.rejects(deliverOneTimeCode(services.core, ctx, tenant, { channel: 'sms', address: '+15551234567', code, purpose: 'p' }), refusedWith('channel_unavailable'));
  });

  it('reports an SMTP server that is down as delivery_failed', async (t) => {
    const smtp = await startSmtpCatcher();
    await smtp.close();
    const services = await createTestServices({ env: smtp.env });
    t.after(() => services.dispose());
    const ctx = { requestId: null, ip: null, actor: 'system', logger: recordingLogger() };
    const tenant = services.core.tenants.defaultTenant();
    assert.deepEqual(availableChannels(services.core, tenant), ['email']);
    const code = await issueOneTimeCode(services.core, ctx, tenant, { purpose: 'p', subject: 's' });
    await assert.rejects(
      deliverOneTimeCode(services.core, ctx, tenant, { channel: 'email', address: 'ada@example.com', code, purpose: 'p' }),
      (error: unknown) => refusedWith('delivery_failed')(error) && /^smtp: ESOCKET CONN connect ECONNREFUSED/.test((error as DomainError).detail ?? ''),
    );
  });
});
