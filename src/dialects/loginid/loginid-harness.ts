import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { testServiceSettings } from '../../config/test-services.ts';
import { buildApp } from '../../http/app.ts';
import type { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../../testing/test-services.ts';

export const APP_ID = '5b1f3a0e-7c2d-4e8f-9a6b-1c2d3e4f5a6b';
export const ORIGIN = 'https://app.example.com';
export const RP_ID = 'example.com';
/** What the web SDK sends as `deviceInfo`. */
export const DEVICE_INFO = { clientType: 'browser', screenWidth: 1920, screenHeight: 1080 } as const;
export const MGMT = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** A LoginID-enabled Sigil over HTTP (inject), with helpers driving the software authenticator as the web SDK would. */
export interface LoginIdHarness {
  readonly s: TestServices;
  readonly app: FastifyInstance;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** reg/init + authenticator + reg/complete; the complete step's reply. */
  register(username: string, authenticator: SoftwareAuthenticator, options?: { token?: string; passkeyName?: string; deviceInfo?: Record<string, unknown> }): Promise<Reply>;
  /** auth/init + authenticator + auth/complete (username-first, or usernameless with ''). */
  login(username: string, authenticator: SoftwareAuthenticator, deviceInfo?: Record<string, unknown>): Promise<Reply>;
  close(): Promise<void>;
}

export async function startLoginIdHarness(env: Record<string, string> = {}): Promise<LoginIdHarness> {
  const s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, RP_NAME: 'Example', DIALECTS: 'native,loginid', LOGINID_APP_ID: APP_ID, ...env } });
  const app = await buildApp(s);
  const call: LoginIdHarness['call'] = async (method, url, body, headers = {}) => {
    const res = await app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }), headers });
    const text = res.body;
    let parsed: Record<string, unknown> = {};
    if (text !== '' && String(res.headers['content-type']).startsWith('application/json')) parsed = JSON.parse(text) as Record<string, unknown>;
    return { status: res.statusCode, body: parsed, text };
  };
  return {
    s,
    app,
    call,
    async register(username, authenticator, options = {}) {
      const headers: Record<string, string> = options.token ? { authorization: options.token } : {};
      const init = await call('POST', '/fido2/v2/reg/init', { app: { id: APP_ID }, deviceInfo: options.deviceInfo ?? DEVICE_INFO, user: { username, usernameType: 'email' } }, headers);
      if (init.status !== 200) return init;
      const opts = init.body.registrationRequestOptions as { challenge: string };
      const credential = authenticator.register({ challenge: opts.challenge, rpId: RP_ID, origin: ORIGIN });
      const creationResult = {
        attestationObject: credential.response.attestationObject,
        clientDataJSON: credential.response.clientDataJSON,
        credentialId: credential.id,
        transports: credential.response.transports,
        publicKeyAlgorithm: -7,
      };
      return call('POST', '/fido2/v2/reg/complete', { creationResult, session: init.body.session, ...(options.passkeyName ? { passkeyName: options.passkeyName } : {}) });
    },
    async login(username, authenticator, deviceInfo = DEVICE_INFO) {
      const init = await call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo, user: { username, usernameType: 'email' } });
      if (init.status !== 200) return init;
      const opts = init.body.assertionOptions as { challenge: string };
      const userId = username === '' ? authenticatorOwner.get(authenticator) : undefined;
      const assertion = authenticator.authenticate({ challenge: opts.challenge, rpId: RP_ID, origin: ORIGIN, ...(userId ? { userHandle: new TextEncoder().encode(userId) } : {}) });
      const assertionResult = { ...assertion.response, credentialId: assertion.id };
      return call('POST', '/fido2/v2/auth/complete', { assertionResult, session: init.body.session });
    },
    async close() {
      await app.close();
      await s.dispose();
    },
  };
}

/** Which user a discoverable credential belongs to (its user handle), as an authenticator remembers. */
export const authenticatorOwner = new WeakMap<SoftwareAuthenticator, string>();

/**
 * The ephemeral backends to run a suite on: memory always, Redis when TEST_REDIS_URL is set
 * (null otherwise: the suite shows a visible skip). Each Redis run has its own key prefix, whose
 * keys `removeRedisKeys` deletes afterwards (code counters would otherwise live for a day).
 */
export function ephemeralBackends(): { name: string; env: Record<string, string> | null; cleanup: () => Promise<void> }[] {
  const { redisUrl } = testServiceSettings();
  const prefix = `sigil-test:loginid:${randomUUID()}:`;
  return [
    { name: 'memory', env: {}, cleanup: async () => {} },
    { name: 'redis', env: redisUrl === null ? null : { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }, cleanup: () => (redisUrl === null ? Promise.resolve() : removeRedisKeys(redisUrl, prefix)) },
  ];
}

async function removeRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
