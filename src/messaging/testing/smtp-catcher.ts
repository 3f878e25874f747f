import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { codeIn, waitFor } from './wait-for-code.ts';
import { parseMail, type ParsedMail } from './parse-mail.ts';

/** One message the catcher accepted. */
export interface CaughtMail extends ParsedMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  readonly to: readonly string[];
  /** Envelope sender (MAIL FROM). */
  readonly envelopeFrom: string;
  /** The user the client authenticated as, or null. */
  readonly user: string | null;
  readonly raw: string;
}

export interface SmtpCatcherOptions {
  /** Credentials the catcher requires (default `sigil` / `catcher-secret`); null accepts anyone without AUTH. */
  readonly credentials?: { readonly user: string; readonly pass: string } | null;
  /** The MAIL_FROM its `env` suggests (default `codes@sigil.test`). */
  readonly mailFrom?: string;
}

export interface SmtpCatcher {
  /** `smtp://user:pass@127.0.0.1:<port>`: what SMTP_URL should be. */
  readonly url: string;
  readonly port: number;
  /** SMTP_URL and MAIL_FROM, to spread into a test's environment. */
  readonly env: { readonly SMTP_URL: string; readonly MAIL_FROM: string };
  /** Every message accepted, oldest first. */
  readonly messages: readonly CaughtMail[];
  /** The newest message to `address`, or null. */
  latestFor(address: string): CaughtMail | null;
  /** The 6-digit code in the plain-text body of the newest message to `address`, or null. */
  latestCodeFor(address: string): string | null;
  /**
   * The code of the newest message to `address`, waiting up to `timeoutMs` (default 5 s) for one
   * to arrive when there is none yet (for routes that send after answering). Rejects on timeout.
   */
  waitForCodeFor(address: string, timeoutMs?: number): Promise<string>;
  /** Forgets every message (between tests sharing one catcher). */
  reset(): void;
  /** Refuses the next `count` recipients with `550 <message>` (as a server refusing a mailbox). */
  rejectRecipients(count?: number, message?: string): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1, port 0, that keeps what it is
 * sent. No TLS (STARTTLS is not offered, so nodemailer sends in the clear on loopback); AUTH
 * PLAIN/LOGIN is required with the given credentials, so tests prove the URL's credentials are used.
 * A message is recorded before the server answers the DATA command: once `sendMail` resolves,
 * it is in `messages`.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const credentials = options.credentials === undefined ? { user: 'sigil', pass: 'catcher-secret' } : options.credentials;
  const mailFrom = options.mailFrom ?? 'codes@sigil.test';
  const messages: CaughtMail[] = [];
  const arrivals = new Set<() => void>();
  let rejections: { count: number; message: string } = { count: 0, message: '' };

  const server = new SMTPServer({
    disabledCommands: credentials === null ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: credentials === null,
    allowInsecureAuth: true,
    logger: false,
    size: 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (credentials !== null && auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (rejections.count > 0) {
        rejections = { count: rejections.count - 1, message: rejections.message };
        callback(Object.assign(new Error(rejections.message), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const user = typeof session.user === 'string' ? session.user : null;
        messages.push({ ...parseMail(raw), raw, envelopeFrom, user, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) });
        for (const notify of arrivals) notify();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const auth = credentials === null ? '' : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`;
  const url = `smtp://${auth}127.0.0.1:${port}`;
  const latestFor = (address: string): CaughtMail | null => messages.findLast((m) => m.to.includes(address.toLowerCase())) ?? null;
  const latestCodeFor = (address: string): string | null => codeIn(latestFor(address)?.text ?? null);

  return {
    url,
    port,
    env: { SMTP_URL: url, MAIL_FROM: mailFrom },
    messages,
    latestFor,
    latestCodeFor,
    waitForCodeFor: (address, timeoutMs = 5000) => waitFor(arrivals, () => latestCodeFor(address), timeoutMs, `no code for ${address}`),
    reset() {
      messages.length = 0;
    },
    rejectRecipients(count = 1, message = 'Mailbox unavailable') {
      rejections = { count, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
