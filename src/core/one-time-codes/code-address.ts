import type { CodeChannel } from './one-time-code.ts';

// Deliberately plain: one @, no spaces or angle brackets (which could smuggle a second
// recipient or a header into a mail), a dotted domain. Deliverability is the provider's call.
const EMAIL = /^[^\s@<>()",;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
const PHONE = /^\+[1-9]\d{6,14}$/;

const ADDRESS_FORMATS: { readonly [K in CodeChannel]: { readonly pattern: RegExp; readonly name: string } } = {
  email: { pattern: EMAIL, name: 'an email address' },
  sms: { pattern: PHONE, name: 'a phone number in E.164 form (+ and up to 15 digits)' },
};

/** Null when `address` has the channel's form, else what it should be. */
export function addressProblem(channel: CodeChannel, address: unknown): string | null {
  const format = ADDRESS_FORMATS[channel];
  return typeof address === 'string' && address.length <= 254 && format.pattern.test(address) ? null : `address must be ${format.name}`;
}
