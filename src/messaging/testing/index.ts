// Test helpers for any dialect's end-to-end tests: a real SMTP server and a Twilio fake on
// loopback, whose `env` objects spread straight into `createTestServices({ env })`:
//
//   const smtp = await startSmtpCatcher();
//   const twilio = await startFakeTwilio();
//   const services = await createTestServices({ env: { ...smtp.env, ...twilio.env } });
//   … call the route that sends a code to ada@example.com / +15551234567 …
//   const code = smtp.latestCodeFor('ada@example.com');  // or await smtp.waitForCodeFor(…)
//   const sms = twilio.latestCodeFor('+15551234567');
//   twilio.failNext();  // the next send answers 400 / Twilio error 21211 → delivery_failed
export { startSmtpCatcher, type CaughtMail, type SmtpCatcher, type SmtpCatcherOptions } from './smtp-catcher.ts';
export { startFakeTwilio, type FakeTwilio, type FakeTwilioMessage, type FakeTwilioOptions, type FakeTwilioRequest, type TwilioError } from './fake-twilio.ts';
