import { DomainError } from '../core/errors.ts';
import type { CodeMessage } from '../core/ports.ts';
import { withoutCode, type ChannelSender } from './channel-sender.ts';
import { renderCodeSms } from './code-message-text.ts';

export const TWILIO_DEFAULT_API_URL = 'https://api.twilio.com';

export interface TwilioCodeSenderOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** A Twilio phone number in E.164 form, or an alphanumeric sender ID. */
  readonly from: string;
  /** Base URL of the API (default Twilio's); tests point it at a local fake. */
  readonly apiUrl?: string;
  /** Bound on the whole request (default 10 s). */
  readonly timeoutMs?: number;
}

/**
 * SMS through Twilio's Messages REST API: `POST /2010-04-01/Accounts/{Sid}/Messages.json` with
 * the form fields `To`, `From`, `Body` and HTTP basic auth (account SID and auth token). Twilio
 * answers 201 with the message resource; anything else is `delivery_failed` with Twilio's error
 * code and message (its error JSON: `{code, message, more_info, status}`).
 */
export function createTwilioCodeSender(options: TwilioCodeSenderOptions): ChannelSender {
  const base = (options.apiUrl ?? TWILIO_DEFAULT_API_URL).replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const timeout = options.timeoutMs ?? 10_000;
  return {
    async send(message: CodeMessage) {
      const form = new URLSearchParams({ To: message.to, From: options.from, Body: renderCodeSms(message) });
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(timeout),
        });
        text = await response.text();
      } catch (error) {
        throw new DomainError('delivery_failed', { detail: withoutCode(`twilio: request failed: ${causeOf(error)}`, message), cause: error });
      }
      if (response.status >= 200 && response.status < 300) return;
      throw new DomainError('delivery_failed', { detail: withoutCode(`twilio: HTTP ${response.status} ${describeTwilioError(text)}`, message) });
    },
  };
}

function describeTwilioError(body: string): string {
  try {
    const e = JSON.parse(body) as { code?: unknown; message?: unknown };
    return `code ${String(e.code ?? '?')}: ${String(e.message ?? '')}`.slice(0, 300);
  } catch {
    return body.slice(0, 200);
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
