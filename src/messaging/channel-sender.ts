import type { CodeMessage } from '../core/ports.ts';

/** One provider of one channel (SMTP for email, Twilio for SMS). */
export interface ChannelSender {
  /** Resolves once the provider accepted the message; rejects with DomainError `delivery_failed`. */
  send(message: CodeMessage): Promise<void>;
  close?(): Promise<void>;
}

/** A provider's error text with the code masked, in case a provider ever echoes the message. */
export function withoutCode(text: string, message: CodeMessage): string {
  return text.replaceAll(message.code, '******');
}
