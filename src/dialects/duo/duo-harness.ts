/**
 * Test harness of the Duo dialect: Sigil composed as the server composes it, a local JWKS issuer
 * over real HTTP for the identity provider's tokens, the fake FaceTec Server on a loopback port,
 * a second tenant (`acme`) with its own provider settings, and device keys from node:crypto or
 * the openssl command line.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { canonicalizeJsonBytes } from '../../crypto/jcs/canonicalize-json.ts';
import { opensslEcdsaSign, opensslPrivateKey, opensslPublicKey } from '../../crypto/device-keys/testing/openssl-cli.ts';
import { fakeFaceScan } from '../../face/fake-face-scan.ts';
import { startFakeFaceTec } from '../../face/fake-facetec-server.ts';
import type { FakeFaceTec } from '../../face/fake-facetec-server.ts';
import { buildApp } from '../../http/app.ts';
import type { Services } from '../../services.ts';
import { startTestIssuer } from '../../testing/jwks-issuer.ts';
import type { TestIssuer } from '../../testing/jwks-issuer.ts';
import { createTestServices } from '../../testing/test-services.ts';
import type { TestServices } from '../../testing/test-services.ts';

export const AUDIENCE = 'https://wallet.example.com/api';
export const ACME_AUDIENCE = 'https://acme.example.com/api';
export const HOOK_SECRET = 'hook secret: 0123456789 !#$%&';
export const ACME_HOOK_SECRET = 'acme-hook-secret-0123456789';
const FACETEC_KEY = 'duo-test-facetec-key';

/** A device key pair: `hex` is the Duo `device_verifying_key`; `sign` returns hex DER. */
export interface TestDevice {
  readonly hex: string;
  sign(message: Uint8Array): string;
}

export function nodeDevice(): TestDevice {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return deviceOf(publicKey, (message) => sign('sha256', message, privateKey).toString('hex'));
}

/** A key made by `openssl ecparam -genkey`, signing with `openssl dgst -sha256 -sign`. */
export function opensslDevice(): TestDevice {
  const privatePem = opensslPrivateKey('ec:prime256v1');
  const { der } = opensslPublicKey(privatePem);
  return { hex: der.subarray(-65).toString('hex'), sign: (message) => opensslEcdsaSign(privatePem, message).toString('hex') };
}

function deviceOf(publicKey: KeyObject, signer: (message: Uint8Array) => string): TestDevice {
  return { hex: publicKey.export({ type: 'spki', format: 'der' }).subarray(-65).toString('hex'), sign: signer };
}

/** The vendor's proof message: RFC 8785 JSON of `{"challenge": <hex>}`. */
export const proofOf = (challenge: string): Uint8Array => canonicalizeJsonBytes({ challenge });

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly raw: LightMyRequestResponse;
}

export interface DuoHarness {
  readonly s: TestServices;
  readonly app: FastifyInstance;
  readonly idp: TestIssuer;
  readonly acmeIdp: TestIssuer;
  readonly facetec: FakeFaceTec;
  /** A token of the default tenant's provider for `sub` (extra claims override). */
  token(sub: string, claims?: Record<string, unknown>): Promise<string>;
  acmeToken(sub: string): Promise<string>;
  call(method: 'GET' | 'POST', url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  /** GET a challenge for `device`, sign the vendor's message, POST the registration. */
  registerDevice(token: string, device: TestDevice, extra?: Record<string, unknown>, prefix?: string): Promise<Reply>;
  challenge(token: string, device: TestDevice, prefix?: string): Promise<string>;
  registerFace(token: string, label: string, prefix?: string): Promise<Reply>;
  hook(path: string, body: unknown, secret?: string | null, prefix?: string): Promise<Reply>;
  /** DKG validation then key-id notification, as the MPC node runs them; returns both verdicts. */
  generateKey(device: TestDevice, keyId: string, prefix?: string): Promise<[unknown, unknown]>;
  /** An app over the same services with other face verifiers (e.g. a short timeout). */
  appWith(overrides: Partial<Services>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export const faceFields = (directives: string, userAgent?: string): Record<string, string> => {
  const scan = fakeFaceScan(directives, userAgent);
  return { face_scan: scan.faceScan, audit_trail_image: scan.auditTrailImage, low_quality_audit_trail_image: scan.lowQualityAuditTrailImage, user_agent: scan.userAgent };
};

let instances = 0;
/** A fresh 32-byte instance id per call. */
export const nextInstance = (): string => createHash('sha256').update(`instance-${++instances}`).digest('hex');

export async function startDuoHarness(env: Record<string, string> = {}): Promise<DuoHarness> {
  const [idp, acmeIdp, facetec] = await Promise.all([startTestIssuer(), startTestIssuer(), startFakeFaceTec({ deviceKey: FACETEC_KEY })]);
  const s = await createTestServices({
    env: {
      DIALECTS: 'native,duo',
      IDP_ISSUER: idp.issuer,
      IDP_AUDIENCE: AUDIENCE,
      IDP_JWKS_URL: idp.jwksUrl,
      DUO_HOOK_SECRET: HOOK_SECRET,
      FACETEC_URL: facetec.url,
      FACETEC_DEVICE_KEY: FACETEC_KEY,
      FACETEC_MIN_MATCH_LEVEL: '10',
      RATE_LIMIT_ENABLED: 'false',
      ...env,
    },
  });
  await addAcmeTenant(s, acmeIdp, facetec);
  const apps: FastifyInstance[] = [];
  const appWith = async (overrides: Partial<Services>): Promise<FastifyInstance> => {
    const built = await buildApp({ ...s, ...overrides });
    apps.push(built);
    return built;
  };
  const app = await appWith({});
  const now = (): number => s.clock.now();

  const call: DuoHarness['call'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
    const raw = await app.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: options.body as object }) });
    let body: unknown = raw.body;
    try {
      body = raw.json();
    } catch {
      // not JSON: keep the text
    }
    return { status: raw.statusCode, body, raw };
  };
  const challenge: DuoHarness['challenge'] = async (token, device, prefix = '') => {
    const res = await call('GET', `${prefix}/auth/devices/challenge/${device.hex}`, { token });
    if (res.status !== 200) throw new Error(`challenge: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { challenge: string }).challenge;
  };
  const hook: DuoHarness['hook'] = (path, body, secret = HOOK_SECRET, prefix = '') =>
    call('POST', `${prefix}/hooks/${path}`, { body, ...(secret === null ? {} : { headers: { authorization: `Bearer ${secret}` } }) });

  return {
    s,
    app,
    idp,
    acmeIdp,
    facetec,
    token: (sub, claims = {}) => idp.sign({ sub, aud: AUDIENCE, scope: 'openid wallet', ...claims }, { now: now() }),
    acmeToken: (sub) => acmeIdp.sign({ sub, aud: ACME_AUDIENCE }, { now: now() }),
    call,
    challenge,
    async registerDevice(token, device, extra = {}, prefix = '') {
      const signature = device.sign(proofOf(await challenge(token, device, prefix)));
      return call('POST', `${prefix}/auth/devices/register`, { token, body: { device_id: device.hex, signature, ...extra } });
    },
    registerFace: (token, label, prefix = '') => call('POST', `${prefix}/auth/face/register`, { token, body: faceFields(`face=${label}`) }),
    hook,
    async generateKey(device, keyId, prefix = '') {
      const instance = nextInstance();
      const dkg = await hook('dkg-setup-validation', { token: device.hex, setup: { user_tag_1: ['00ff'] }, instance }, undefined, prefix);
      const notified = await hook('key-id-notification', { token: device.hex, key_id: keyId, instance }, undefined, prefix);
      return [dkg.body, notified.body];
    },
    appWith,
    async close() {
      for (const built of apps) await built.close();
      await s.dispose();
      await Promise.all([idp.close(), acmeIdp.close(), facetec.close()]);
    },
  };
}

/** Tenant `acme`: its own provider and hook secret, the same FaceTec Server. */
async function addAcmeTenant(s: TestServices, acmeIdp: TestIssuer, facetec: FakeFaceTec): Promise<void> {
  const base = s.core.tenants.defaultTenant();
  const now = s.clock.now();
  const acme = {
    ...base,
    id: 'tenant-acme',
    slug: 'acme',
    integrations: {
      ...base.integrations,
      identityProvider: { issuer: acmeIdp.issuer, audience: ACME_AUDIENCE, jwksUrl: acmeIdp.jwksUrl },
      faceTec: { url: facetec.url, deviceKey: FACETEC_KEY, minMatchLevel: 12 },
    },
    dialects: { ...base.dialects, duo: { hookSecretHash: createHash('sha256').update(ACME_HOOK_SECRET).digest('hex') } },
    createdAt: now,
    updatedAt: now,
  };
  await s.core.storage.tenants.create(acme);
  s.core.tenants.put(acme);
}
