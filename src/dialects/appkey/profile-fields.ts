import { AppKeyError, appKeyInputError } from './errors.ts';
import type { AppKeySettings } from './settings.ts';
import { optionalText, requiredText, type AppKeyBody } from './wire.ts';

const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$/;
const USER_NAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;

/** A locale tag (`EN`, `fr-CA`), stored upper-case as AppKey lists them; else 609. */
export function localeOf(value: string): string {
  if (!LOCALE.test(value)) throw new AppKeyError(609, 'invalid_request', 'malformed locale');
  return value.toUpperCase();
}

export function optionalLocale(body: AppKeyBody): string | null {
  const locale = optionalText(body, 'locale');
  return locale === undefined ? null : localeOf(locale);
}

/** A user name: 3-32 of a-z 0-9 . _ - (compared lower-cased, as the JS SDK sends it); else 602. */
export function userNameOf(body: AppKeyBody, settings: AppKeySettings): string {
  if (!settings.userNames) throw new AppKeyError(606, 'forbidden', 'user names are off for this app');
  const userName = requiredText(body, 'userName').trim().toLowerCase();
  if (!USER_NAME.test(userName)) throw new AppKeyError(602, 'invalid_request', 'malformed user name');
  return userName;
}

/**
 * The display name: `displayName` (Swift SDK, older clients) or `firstName` + `lastName` (the
 * current JS SDK, which sends both and no displayName).
 */
export function displayNameOf(body: AppKeyBody): string {
  const given = optionalText(body, 'displayName');
  if (given !== undefined) return given;
  return `${requiredText(body, 'firstName').trim()} ${requiredText(body, 'lastName').trim()}`.trim();
}

/** Which channel a handle is, given what the app accepts; a handle of neither kind is 617. */
export function contactOf(handle: string, settings: AppKeySettings): { email: string | null; phone: string | null } {
  if (settings.handleType !== 'phone' && EMAIL.test(handle)) return { email: handle, phone: null };
  if (settings.handleType !== 'email' && PHONE.test(handle)) return { email: null, phone: handle };
  throw appKeyInputError(617, `not a handle of type ${settings.handleType}`);
}
