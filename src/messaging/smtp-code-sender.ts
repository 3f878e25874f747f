import nodemailer from 'nodemailer';
import { DomainError } from '../core/errors.ts';
import type { CodeMessage } from '../core/ports.ts';
import { withoutCode, type ChannelSender } from './channel-sender.ts';
import { cleanSenderName, renderCodeEmail } from './code-message-text.ts';

export interface SmtpCodeSenderOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  readonly url: string;
  /** The envelope and `From:` address; the display name is each tenant's RP name. */
  readonly fromAddress: string;
  /** Bound on connecting, the greeting and each socket wait (default 10 s). */
  readonly timeoutMs?: number;
}

/**
 * Email through SMTP with nodemailer, one connection per message (codes are rare and a pool
 * would hold connections the server may drop). Every nodemailer failure (connection, TLS, auth,
 * a rejected recipient) becomes `delivery_failed` with its code and response, never the body.
 */
export function createSmtpCodeSender(options: SmtpCodeSenderOptions): ChannelSender {
  const timeout = options.timeoutMs ?? 10_000;
  // Parameters in the URL (e.g. `?connectionTimeout=`, `?requireTLS=false`) take precedence over these.
  const transport = nodemailer.createTransport({
    url: options.url,
    requireTLS: requiresStartTls(options.url),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    async send(message: CodeMessage) {
      const email = renderCodeEmail(message);
      try {
        await transport.sendMail({
          from: { name: cleanSenderName(message.senderName), address: options.fromAddress },
          to: message.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
      } catch (error) {
        throw new DomainError('delivery_failed', { detail: withoutCode(`smtp: ${describeSmtpError(error)}`, message), cause: error });
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * `smtp://` to anything but loopback must upgrade with STARTTLS: without it, nodemailer would
 * send the URL's credentials and the codes in the clear to a server that does not offer TLS
 * (or to someone stripping the offer). `smtps://` is TLS from the start.
 */
export function requiresStartTls(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'smtp:') return false;
  return !(hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname));
}

function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [typeof e.code === 'string' ? e.code : null, typeof e.command === 'string' ? e.command : null, typeof e.responseCode === 'number' ? String(e.responseCode) : null];
  return `${parts.filter((p) => p !== null).join(' ')} ${e.message}`.trim();
}
