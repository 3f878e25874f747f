// Test helpers for any dialect's end-to-end tests: a real SMTP server and a Twilio fake on
// loopback, whose `env` objects spread straight into `createTestServices({ env })`.
export { startSmtpCatcher, type CaughtMail, type SmtpCatcher, type SmtpCatcherOptions } from './smtp-catcher.ts';
export { startFakeTwilio, type FakeTwilio, type FakeTwilioMessage, type FakeTwilioOptions, type FakeTwilioRequest, type TwilioError } from './fake-twilio.ts';
