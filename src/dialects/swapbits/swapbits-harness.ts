/**
 * Test harness of the SwapBits dialect: Sigil composed as the server composes it (optionally on
 * Redis), a second tenant (`acme`), a local identity provider over real HTTP, users with Sigil
 * access tokens, and P-256 device keys made by node:crypto or by the openssl command line.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Tenant } from '../../core/tenant.ts';
import { issueAccessToken } from '../../core/tokens/issue-access-token.ts';
import { createUser } from '../../core/users/create-user.ts';
import { opensslDerToRaw, opensslEcdsaSign, opensslPrivateKey, opensslPublicKey } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { buildApp } from '../../http/app.ts';
import { startTestIssuer, type TestIssuer } from '../../testing/jwks-issuer.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

export type KeyEncoding = 'spki-base64' | 'spki-pem' | 'x963-base64' | 'x963-hex';
export const KEY_ENCODINGS: readonly KeyEncoding[] = ['spki-base64', 'spki-pem', 'x963-base64', 'x963-hex'];

/** A P-256 device key: its public key in each wire form; `sign` returns base64 DER or raw r||s. */
export interface P256Device {
  keyText(encoding: KeyEncoding): string;
  sign(message: Uint8Array, format?: 'der' | 'raw'): string;
}

function keyTexts(der: Buffer, pem: string): (encoding: KeyEncoding) => string {
  const point = der.subarray(-65);
  const texts: Record<KeyEncoding, string> = { 'spki-base64': der.toString('base64'), 'spki-pem': pem, 'x963-base64': point.toString('base64'), 'x963-hex': point.toString('hex') };
  return (encoding) => texts[encoding];
}

export function nodeP256(): P256Device {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyText: keyTexts(der, publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    sign: (message, format = 'der') => sign('sha256', message, { key: privateKey, dsaEncoding: format === 'der' ? 'der' : 'ieee-p1363' }).toString('base64'),
  };
}

/** Key by `openssl ecparam -genkey`, signatures by `openssl dgst -sha256 -sign` (raw via asn1parse). */
export function opensslP256(): P256Device {
  const privatePem = opensslPrivateKey('ec:prime256v1');
  const { der, pem } = opensslPublicKey(privatePem);
  return {
    keyText: keyTexts(der, pem),
    sign(message, format = 'der') {
      const signature = opensslEcdsaSign(privatePem, message);
      return (format === 'der' ? signature : opensslDerToRaw(signature)).toString('base64');
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly body: { code?: number; message?: string; data?: Record<string, unknown>; details?: Record<string, unknown>; statusCode?: number };
  readonly headers: Record<string, unknown>;
}

export interface SwapBitsHarness {
  readonly s: TestServices;
  readonly app: FastifyInstance;
  readonly acme: Tenant;
  readonly idp: TestIssuer;
  /** A new user of the tenant with a Sigil access token. */
  user(username: string, tenant?: Tenant): Promise<{ id: string; token: string }>;
  call(method: 'GET' | 'POST' | 'DELETE', url: string, token: string | null, body?: unknown): Promise<Reply>;
  register(token: string, deviceId: string, device: P256Device, encoding?: KeyEncoding, prefix?: string): Promise<Reply>;
  challenge(token: string, deviceId: string, prefix?: string): Promise<{ challengeId: string; challenge: string; expiresAt: string }>;
  verifyBody(deviceId: string, c: { challengeId: string; challenge: string }, device: P256Device, format?: 'der' | 'raw'): Record<string, unknown>;
  /** Challenge, sign, `POST /auth/pin/verify`. */
  verify(token: string, deviceId: string, device: P256Device, format?: 'der' | 'raw', prefix?: string): Promise<Reply>;
  close(): Promise<void>;
}

export async function startSwapBitsHarness(env: Record<string, string> = {}): Promise<SwapBitsHarness> {
  const idp = await startTestIssuer();
  const s = await createTestServices({ env: { RATE_LIMIT_ENABLED: 'false', DIALECTS: 'native,biokey,swapbits', IDP_ISSUER: idp.issuer, IDP_AUDIENCE: 'https://api.swapbits.test', IDP_JWKS_URL: idp.jwksUrl, ...env } });
  const now = s.clock.now();
  const acme: Tenant = { ...s.core.tenants.defaultTenant(), id: 'tenant-acme', slug: 'acme', rpId: 'acme.test', origins: ['https://acme.test'], createdAt: now, updatedAt: now };
  await s.core.storage.tenants.create(acme);
  s.core.tenants.put(acme);
  const app = await buildApp(s);
  const ctx = { requestId: null, ip: null, actor: 'test', logger: s.logger };
  const call: SwapBitsHarness['call'] = async (method, url, token, body) => {
    const headers = token === null ? {} : { authorization: `Bearer ${token}` };
    const res = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.json() as Reply['body'], headers: res.headers };
  };
  const h: SwapBitsHarness = {
    s, app, acme, idp, call,
    async user(username, tenant = s.core.tenants.defaultTenant()) {
      const user = await createUser(s.core, ctx, tenant, { username });
      return { id: user.id, token: (await issueAccessToken(s.core, tenant, { userId: user.id, amr: ['passkey'] })).token };
    },
    register: (token, deviceId, device, encoding = 'spki-base64', prefix = '') =>
      call('POST', `${prefix}/auth/biometry/register`, token, { deviceId, deviceName: 'Pixel 9', platform: 'Android', publicKey: device.keyText(encoding), algorithm: 'P-256' }),
    async challenge(token, deviceId, prefix = '') {
      const res = await call('GET', `${prefix}/auth/biometry/challenge?deviceId=${deviceId}`, token);
      return res.body.data as { challengeId: string; challenge: string; expiresAt: string };
    },
    verifyBody: (deviceId, c, device, format = 'der') => ({
      verificationType: 'BIOMETRY', deviceId, challengeId: c.challengeId, challenge: c.challenge,
      signature: device.sign(Buffer.from(c.challenge, 'base64'), format), algorithm: 'P-256',
    }),
    async verify(token, deviceId, device, format = 'der', prefix = '') {
      const c = await h.challenge(token, deviceId, prefix);
      return call('POST', `${prefix}/auth/pin/verify`, token, h.verifyBody(deviceId, c, device, format));
    },
    async close() {
      await app.close();
      await s.dispose();
      await idp.close();
    },
  };
  return h;
}
