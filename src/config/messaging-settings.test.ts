import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './load.ts';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

const SID = `AC${'a1'.repeat(16)}`;

describe('messaging settings', () => {
  it('leave email and SMS off by default, with Twilio pointing at its API', () => {
    const c = loadConfig({});
    assert.deepEqual([c.smtpUrl, c.mailFrom, c.twilioAccountSid, c.twilioAuthToken, c.twilioFrom], [null, null, null, null, null]);
    assert.equal(c.twilioApiUrl, 'https://api.twilio.com');
  });

  it('set the hourly code issue limits per client and per tenant', () => {
    const c = loadConfig({ CODE_ISSUE_LIMIT_PER_CLIENT_HOUR: '200', CODE_ISSUE_LIMIT_PER_TENANT_HOUR: '50000' });
    assert.deepEqual([c.codeIssueLimitPerClientHour, c.codeIssueLimitPerTenantHour], [200, 50000]);
    assert.deepEqual([loadConfig({}).codeIssueLimitPerClientHour, loadConfig({}).codeIssueLimitPerTenantHour], [30, 1000]);
    assert.deepEqual(problemsOf({ CODE_ISSUE_LIMIT_PER_CLIENT_HOUR: '0' }), ['CODE_ISSUE_LIMIT_PER_CLIENT_HOUR: must be an integer from 1 to 1000000 (got "0")']);
  });

  it('take an SMTP URL with credentials and the address of MAIL_FROM', () => {
    const c = loadConfig({ SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465', MAIL_FROM: 'Acme <codes@example.com>' });
    assert.equal(c.smtpUrl, 'smtps://user:p%40ss@mail.example.com:465');
    assert.equal(c.mailFrom, 'codes@example.com');
    assert.equal(loadConfig({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'codes@example.com' }).mailFrom, 'codes@example.com');
  });

  it('take the three Twilio settings together, with a phone number or a sender ID', () => {
    const c = loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: '+15005550006', TWILIO_API_URL: 'http://127.0.0.1:9999' });
    assert.deepEqual([c.twilioAccountSid, c.twilioFrom, c.twilioApiUrl], [SID, '+15005550006', 'http://127.0.0.1:9999']);
    assert.equal(loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'x'.repeat(32), TWILIO_FROM: 'Acme Bank' }).twilioFrom, 'Acme Bank');
  });

  it('report each malformed value by name', () => {
    assert.deepEqual(
      problemsOf({
        SMTP_URL: 'https://mail.example.com',
        MAIL_FROM: 'not an address',
        TWILIO_ACCOUNT_SID: 'AC123',
        TWILIO_AUTH_TOKEN: 'short',
        TWILIO_FROM: '5551234567',
        TWILIO_API_URL: 'ftp://twilio',
      }),
      [
        'SMTP_URL: must be an smtp:// or smtps:// URL',
        'MAIL_FROM: must be an email address',
        'TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits',
        'TWILIO_AUTH_TOKEN: must be at least 16 characters without spaces',
        'TWILIO_FROM: must be an E.164 phone number or an alphanumeric sender ID of up to 11 characters',
        'TWILIO_API_URL: must be an http(s) URL',
      ],
    );
  });

  it('refuse half a provider', () => {
    assert.deepEqual(problemsOf({ SMTP_URL: 'smtp://mail.example.com' }), ['SMTP_URL, MAIL_FROM: set both or neither']);
    assert.deepEqual(problemsOf({ MAIL_FROM: 'codes@example.com' }), ['SMTP_URL, MAIL_FROM: set both or neither']);
    assert.deepEqual(problemsOf({ TWILIO_ACCOUNT_SID: SID, TWILIO_FROM: '+15005550006' }), ['TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM: set all three or none']);
  });
});
