import type { CodeMessage } from '../core/ports.ts';

/** "5 minutes", "1 minute", "45 seconds": the lifetime rounded down, never promising too much. */
export function describeLifetime(seconds: number): string {
  if (seconds < 120) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hours`;
}

/** Control characters would break a header or an SMS; the name is the tenant's, not a user's. */
export function cleanSenderName(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim().slice(0, 64) || 'Sigil';
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface CodeEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export function renderCodeEmail(message: CodeMessage): CodeEmail {
  const sender = cleanSenderName(message.senderName);
  const lifetime = describeLifetime(message.validForSeconds);
  const text = [
    `Your ${sender} verification code is ${message.code}.`,
    '',
    `It expires in ${lifetime} and can be used once.`,
    'If you did not ask for it, you can ignore this message.',
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif">',
    `<p>Your ${escapeHtml(sender)} verification code is</p>`,
    `<p style="font-size: 28px; font-weight: bold; letter-spacing: 4px">${message.code}</p>`,
    `<p>It expires in ${lifetime} and can be used once.</p>`,
    '<p>If you did not ask for it, you can ignore this message.</p>',
    '</body></html>',
  ].join('\n');
  return { subject: `${message.code} is your ${sender} verification code`, text, html };
}

/** One short segment: the code first, so phones can offer to fill it in. */
export function renderCodeSms(message: CodeMessage): string {
  return `${message.code} is your ${cleanSenderName(message.senderName)} verification code. It expires in ${describeLifetime(message.validForSeconds)}.`;
}
