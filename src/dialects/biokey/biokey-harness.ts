/**
 * Test harness of the BioKey dialect: Sigil composed as the server composes it, a second tenant
 * (`acme`), and Ed25519 device keys made by node:crypto or by the openssl command line.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { opensslEd25519Sign, opensslPrivateKey, opensslPublicKey } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { buildApp } from '../../http/app.ts';
import type { Tenant } from '../../core/tenant.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';

/** An Ed25519 key pair: `hex` is BioKey's 64-hex `publicKey`; `sign` returns 128 hex digits. */
export interface Ed25519Device {
  readonly hex: string;
  sign(message: Uint8Array): string;
}

export function nodeEd25519(): Ed25519Device {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
  return { hex, sign: (message) => sign(null, message, privateKey).toString('hex') };
}

/** A key made by `openssl genpkey -algorithm ed25519`, signing with `openssl pkeyutl -rawin`. */
export function opensslEd25519(): Ed25519Device {
  const privatePem = opensslPrivateKey('ed25519');
  const hex = opensslPublicKey(privatePem).der.subarray(-32).toString('hex');
  return { hex, sign: (message) => opensslEd25519Sign(privatePem, message).toString('hex') };
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface BioKeyHarness {
  readonly s: TestServices;
  readonly app: FastifyInstance;
  readonly acme: Tenant;
  call(method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** `GET <prefix>/challenge[/<userId>]`: the 64-hex challenge. */
  challenge(prefix?: string, userId?: string): Promise<string>;
  enroll(userId: string, device: Ed25519Device, extra?: Record<string, unknown>, prefix?: string): Promise<Reply>;
  /** Fetches a challenge, signs its bytes and posts `/verify`. */
  verify(userId: string, device: Ed25519Device, prefix?: string): Promise<Reply>;
  close(): Promise<void>;
}

export async function startBioKeyHarness(env: Record<string, string> = {}, acmeLegacy = false): Promise<BioKeyHarness> {
  const s = await createTestServices({ env: { RATE_LIMIT_ENABLED: 'false', DIALECTS: 'native,biokey', ORIGINS: 'https://app.example.com', RP_ID: 'app.example.com', ...env } });
  const now = s.clock.now();
  const base = s.core.tenants.defaultTenant();
  const acme: Tenant = {
    ...base, id: 'tenant-acme', slug: 'acme', rpId: 'acme.test', origins: ['https://acme.test'], createdAt: now, updatedAt: now,
    dialects: { ...base.dialects, biokey: { insecureLegacyMode: acmeLegacy } },
  };
  await s.core.storage.tenants.create(acme);
  s.core.tenants.put(acme);
  const app = await buildApp(s);
  const call: BioKeyHarness['call'] = async (method, url, body, headers = {}) => {
    const res = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const challenge: BioKeyHarness['challenge'] = async (prefix = '', userId) => {
    const res = await call('GET', `${prefix}/challenge${userId === undefined ? '' : `/${encodeURIComponent(userId)}`}`);
    return res.body.challenge as string;
  };
  return {
    s, app, acme, call, challenge,
    enroll: (userId, device, extra = {}, prefix = '') => call('POST', `${prefix}/enroll`, { userId, publicKey: device.hex, deviceId: 'device-1', method: 'prf', ...extra }),
    async verify(userId, device, prefix = '') {
      const c = await challenge(prefix);
      return call('POST', `${prefix}/verify`, { userId, challenge: c, signature: device.sign(Buffer.from(c, 'hex')) });
    },
    async close() {
      await app.close();
      await s.dispose();
    },
  };
}
