import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
    answer(201, resourceOf(message));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const latestFor = (to: string): FakeTwilioMessage | null => messages.findLast((m) => m.to === to) ?? null;
  return {
    apiUrl,
    accountSid,
    authToken,
    env: { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from, TWILIO_API_URL: apiUrl },
    messages,
    requests,
    latestFor,
    latestCodeFor: (to) => /\b(\d{6})\b/.exec(latestFor(to)?.body ?? '')?.[1] ?? null,
    failNext(error = {}, count = 1) {
      failures = { error: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number.", ...error }, count };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The message resource Twilio answers a create with (dates in RFC 2822, as Twilio sends them). */
function resourceOf(m: FakeTwilioMessage): Record<string, unknown> {
  const now = new Date().toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}
