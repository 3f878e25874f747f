import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioMessageResource } from './twilio-message-resource.ts';
import { codeIn, waitFor } from './wait-for-code.ts';

/** One message the fake accepted. */
export interface FakeTwilioMessage {
  readonly sid: string;
  readonly accountSid: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
}

/** Twilio's error resource: `{code, message, more_info, status}`. */
export interface TwilioError {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/** Every request the fake answered, accepted or not. */
export interface FakeTwilioRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly authorized: boolean;
  readonly contentType: string;
  readonly form: Readonly<Record<string, string>>;
}

export interface FakeTwilioOptions {
  /** Default `AC` + 32 hex digits of a fixed test value. */
  readonly accountSid?: string;
  readonly authToken?: string;
  /** The TWILIO_FROM its `env` suggests (default `+15005550006`, Twilio's magic test number). */
  readonly from?: string;
}

export interface FakeTwilio {
  /** `http://127.0.0.1:<port>`: what TWILIO_API_URL should be. */
  readonly apiUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** The four TWILIO_* settings, to spread into a test's environment. */
  readonly env: { readonly TWILIO_ACCOUNT_SID: string; readonly TWILIO_AUTH_TOKEN: string; readonly TWILIO_FROM: string; readonly TWILIO_API_URL: string };
  readonly messages: readonly FakeTwilioMessage[];
  readonly requests: readonly FakeTwilioRequest[];
  /** The newest message to `to` (E.164), or null. */
  latestFor(to: string): FakeTwilioMessage | null;
  /** The 6-digit code in the newest message to `to`, or null. */
  latestCodeFor(to: string): string | null;
  /** Like `latestCodeFor`, waiting up to `timeoutMs` (default 5 s) for a message to arrive. */
  waitForCodeFor(to: string, timeoutMs?: number): Promise<string>;
  /** Forgets every message and request, and any pending failure. */
  reset(): void;
  /** Answers the next `count` sends with Twilio's error (default: 400, 21211 invalid 'To' number). */
  failNext(error?: Partial<TwilioError>, count?: number): void;
  close(): Promise<void>;
}

const ERROR_DOCS = 'https://www.twilio.com/docs/errors/';

/**
 * A local stand-in for Twilio's Messages API, faithful to what Sigil relies on:
 * `POST /2010-04-01/Accounts/{Sid}/Messages.json`, HTTP basic auth with the account SID and auth
 * token (20003 and 401 otherwise), form fields `To`, `From`, `Body` (21604, 21603, 21602 when
 * missing), and 201 with a message resource on success.
 */
export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${'0123456789abcdef'.repeat(2)}`;
  const authToken = options.authToken ?? 'fake-twilio-auth-token-0123456789';
  const from = options.from ?? '+15005550006';
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilioRequest[] = [];
  const arrivals = new Set<() => void>();
  let failures: { error: TwilioError; count: number } | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    const form = Object.fromEntries(new URLSearchParams(contentType.startsWith('application/x-www-form-urlencoded') ? Buffer.concat(chunks).toString('utf8') : ''));
    const path = req.url ?? '';
    const authorized = req.headers.authorization === `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    const answer = (status: number, body: unknown): void => {
      requests.push({ method: req.method ?? '', path, status, authorized, contentType, form });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const error = (e: TwilioError): void => answer(e.status, { code: e.code, message: e.message, more_info: `${ERROR_DOCS}${e.code}`, status: e.status });

    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== 'POST' || route === null) return error({ status: 404, code: 20404, message: 'The requested resource was not found' });
    if (!authorized || decodeURIComponent(route[1] ?? '') !== accountSid) {
      return answer(401, { code: 20003, detail: 'Your AccountSid or AuthToken was incorrect.', message: 'Authenticate', more_info: `${ERROR_DOCS}20003`, status: 401 });
    }
    if (!form.To) return error({ status: 400, code: 21604, message: "A 'To' phone number is required." });
    if (!form.From) return error({ status: 400, code: 21603, message: "A 'From' or 'MessagingServiceSid' parameter is required to send a message." });
    if (!form.Body) return error({ status: 400, code: 21602, message: 'Message body is required.' });
    if (failures !== null) {
      const { error: failure } = failures;
      failures = failures.count > 1 ? { error: failure, count: failures.count - 1 } : null;
      return error(failure);
    }
    const message = { sid: `SM${randomBytes(16).toString('hex')}`, accountSid, from: form.From, to: form.To, body: form.Body };
    messages.push(message);
    for (const notify of arrivals) notify();
    answer(201, twilioMessageResource(message));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const latestFor = (to: string): FakeTwilioMessage | null => messages.findLast((m) => m.to === to) ?? null;
  const latestCodeFor = (to: string): string | null => codeIn(latestFor(to)?.body ?? null);
  return {
    apiUrl,
    accountSid,
    authToken,
    env: { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from, TWILIO_API_URL: apiUrl },
    messages,
    requests,
    latestFor,
    latestCodeFor,
    waitForCodeFor: (to, timeoutMs = 5000) => waitFor(arrivals, () => latestCodeFor(to), timeoutMs, `no code for ${to}`),
    reset() {
      messages.length = 0;
      requests.length = 0;
      failures = null;
    },
    failNext(error = {}, count = 1) {
      failures = { error: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number.", ...error }, count };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
