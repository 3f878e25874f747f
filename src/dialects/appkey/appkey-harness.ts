/**
 * Test harness of the AppKey dialect: Sigil composed as the server composes it with an AppKey
 * app on the default tenant, local Google and Apple issuers (JWKS over real HTTP), calls in
 * either SDK's encoding, and accounts seeded through the core sign-up path.
 */
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../core/accounts/create-account.ts';
import { startPasskeyRegistration } from '../../core/ceremonies/start-passkey-registration.ts';
import { verifyPendingRegistration } from '../../core/ceremonies/verify-pending-registration.ts';
import type { RequestContext } from '../../core/deps.ts';
import type { User } from '../../core/user.ts';
import { buildApp } from '../../http/app.ts';
import { startFakeTwilio, startSmtpCatcher, type FakeTwilio, type SmtpCatcher } from '../../messaging/testing/index.ts';
import type { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { startTestIssuer, type TestIssuer } from '../../testing/jwks-issuer.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

export const APP_TOKEN = 'appkey-test-app-token-0123456789';
export const RP_ID = 'example.com';
export const ORIGIN = 'https://app.example.com';
export const GOOGLE_CLIENT = 'test-client.apps.googleusercontent.com';
export const APPLE_BUNDLE = 'com.example.app';

export type Encoding = 'json' | 'form';
export const ENCODINGS: readonly Encoding[] = ['json', 'form'];

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export interface AppKeyHarness {
  readonly s: TestServices;
  readonly app: FastifyInstance;
  readonly google: TestIssuer;
  readonly apple: TestIssuer;
  readonly smtp: SmtpCatcher;
  readonly twilio: FakeTwilio;
  /** A call as the JS SDK (JSON) or the Swift SDK (form, `response` as a JSON string) makes it. */
  call(method: 'GET' | 'POST', action: string, options?: { body?: Record<string, unknown>; encoding?: Encoding; headers?: Record<string, string>; prefix?: string }): Promise<Reply>;
  /** A user with one passkey (`authenticator`), made through the core's sign-up path. */
  seedUser(handle: string, authenticator: SoftwareAuthenticator, displayName?: string): Promise<User>;
  /** login + loginComplete; returns the user object. */
  login(handle: string, authenticator: SoftwareAuthenticator, encoding?: Encoding): Promise<Reply>;
  close(): Promise<void>;
}

const ctx = (): RequestContext => ({ requestId: null, ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } });

/** Form bodies as AppKeySwift builds them (URLComponents: `+` pre-encoded as `%2B`, then encoded). */
function formOf(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    params.set(name, name === 'handle' ? text.replace(/\+/g, '%2B') : text);
  }
  return params.toString();
}

/** What the Swift SDK sends of a WebAuthn result: `id` and `response` only. */
export function swiftCredential(credential: { id: string; response: object }): Record<string, unknown> {
  return { id: credential.id, response: credential.response };
}

export async function startAppKeyHarness(env: Record<string, string> = {}): Promise<AppKeyHarness> {
  const [google, apple] = [await startTestIssuer(), await startTestIssuer()];
  const [smtp, twilio] = [await startSmtpCatcher(), await startFakeTwilio()];
  const s = await createTestServices({
    env: {
      ...smtp.env,
      ...twilio.env,
      RP_ID,
      ORIGINS: ORIGIN,
      DIALECTS: 'native,appkey',
      APPKEY_APP_TOKEN: APP_TOKEN,
      APPKEY_GOOGLE_CLIENT_ID: GOOGLE_CLIENT,
      APPKEY_APPLE_BUNDLE_ID: APPLE_BUNDLE,
      GOOGLE_JWKS_URL: google.jwksUrl,
      APPLE_JWKS_URL: apple.jwksUrl,
      ...env,
    },
  });
  const app = await buildApp(s);
  const call: AppKeyHarness['call'] = async (method, action, options = {}) => {
    const encoding = options.encoding ?? 'json';
    const headers: Record<string, string> = { 'app-token': APP_TOKEN, ...options.headers };
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const url = `${options.prefix ?? ''}/api/appuser/${action}`;
    const res = method === 'GET'
      ? await app.inject({ method, url, headers })
      : encoding === 'json'
        ? await app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(options.body ?? {}) })
        : await app.inject({ method, url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: formOf(options.body ?? {}) });
    let body: Record<string, unknown> = {};
    try {
      const parsed = res.json() as unknown;
      body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      body = {};
    }
    return { status: res.statusCode, body, text: res.body };
  };
  const harness: AppKeyHarness = {
    s,
    app,
    google,
    apple,
    smtp,
    twilio,
    call,
    async seedUser(handle, authenticator, displayName = 'Test User') {
      const tenant = s.core.tenants.defaultTenant();
      const start = await startPasskeyRegistration(s.core, tenant, { username: handle, displayName }, { bearerUserId: null, grant: null });
      const response = authenticator.register({ challenge: start.options.challenge, rpId: RP_ID, origin: ORIGIN });
      const pending = await verifyPendingRegistration(s.core, ctx(), tenant, start.session, response, { enrolledVia: 'appkey', deviceId: null, name: `${displayName}-web` });
      const contact = handle.includes('@') ? { email: handle, phone: null } : { email: null, phone: handle };
      const input = { userId: pending.userId, username: handle, displayName, ...contact, contactVerified: true, locale: 'EN', loginProvider: 'handle' as const, credential: pending.credential, external: null };
      return (await createAccount(s.core, ctx(), tenant, input)).user;
    },
    async login(handle, authenticator, encoding = 'json') {
      const options = await call('POST', 'login', { body: { handle }, encoding });
      if (options.status !== 200) return options;
      const assertion = authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
      const body = encoding === 'json' ? { ...assertion, handle } : { handle, ...swiftCredential(assertion) };
      return call('POST', 'loginComplete', { body, encoding });
    },
    async close() {
      await app.close();
      await s.dispose();
      await google.close();
      await apple.close();
      await smtp.close();
      await twilio.close();
    },
  };
  return harness;
}
