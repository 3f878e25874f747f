import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Clock, Keyring, SigningKeyRepository } from '../core/ports.ts';
import type { SigningKeyRecord } from '../core/signing-key.ts';
import type { Sealer } from './envelope.ts';

export interface KeyringOptions {
  readonly repo: SigningKeyRepository;
  readonly sealer: Sealer;
  readonly clock: Clock;
  /** How long cached keys are trusted before the database is read again (other nodes may rotate). */
  readonly refreshMs: number;
  /** The longest a token of this tenant lives; retired keys stay published that long (plus refreshMs). */
  readonly tokenLifetimeMs: (tenantId: string) => number;
}

export interface ManagedKeyring extends Keyring {
  /** Public keys to publish: the current key and retired keys whose tokens may still be live. */
  jwks(tenantId: string): Promise<{ keys: JWK[] }>;
  /** Makes a new current key and retires the others; returns the new kid and the retired ones. */
  rotate(tenantId: string): Promise<{ kid: string; retired: string[] }>;
  /** Every stored key of the tenant, newest first, with when a retired one stops verifying tokens. */
  list(tenantId: string): Promise<{ record: SigningKeyRecord; verifiesUntil: number | null }[]>;
}

interface PublicEntry { readonly key: KeyObject; readonly jwk: JWK; readonly retiredAt: number | null }
interface TenantKeys {
  readonly loadedAt: number;
  readonly current: { kid: string; privateKey: KeyObject };
  readonly publics: ReadonlyMap<string, PublicEntry>;
}

export function createKeyring(options: KeyringOptions): ManagedKeyring {
  const cache = new Map<string, TenantKeys>();
  const loading = new Map<string, Promise<TenantKeys>>();
  const { repo, sealer, clock } = options;

  const contextOf = (tenantId: string, kid: string): string => `signing-key|${tenantId}|${kid}`;

  async function generate(tenantId: string): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    const record: SigningKeyRecord = {
      kid,
      tenantId,
      alg: 'ES256',
      publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' },
      sealedPrivateKey: sealer.seal(new Uint8Array(pkcs8), contextOf(tenantId, kid)),
      status: 'active',
      createdAt: clock.now(),
      retiredAt: null,
    };
    await repo.create(record);
    return record;
  }

  async function load(tenantId: string): Promise<TenantKeys> {
    let records = await repo.listByTenant(tenantId);
    let active = records.filter((r) => r.status === 'active').sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!active) {
      active = await generate(tenantId);
      records = [...records, active];
    }
    const der = sealer.open(active.sealedPrivateKey, contextOf(tenantId, active.kid));
    const publics = new Map<string, PublicEntry>();
    for (const r of records) {
      publics.set(r.kid, { key: createPublicKey({ key: r.publicJwk, format: 'jwk' }), jwk: r.publicJwk, retiredAt: r.status === 'retired' ? r.retiredAt : null });
    }
    const keys: TenantKeys = {
      loadedAt: clock.now(),
      current: { kid: active.kid, privateKey: createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }) },
      publics,
    };
    cache.set(tenantId, keys);
    return keys;
  }

  function keysOf(tenantId: string, maxAgeMs = options.refreshMs): Promise<TenantKeys> {
    const cached = cache.get(tenantId);
    if (cached && clock.now() - cached.loadedAt < maxAgeMs) return Promise.resolve(cached);
    let pending = loading.get(tenantId);
    if (!pending) {
      pending = load(tenantId).finally(() => loading.delete(tenantId));
      loading.set(tenantId, pending);
    }
    return pending;
  }

  const stillPublished = (tenantId: string, entry: PublicEntry): boolean =>
    entry.retiredAt === null || clock.now() < entry.retiredAt + options.tokenLifetimeMs(tenantId) + options.refreshMs;

  return {
    async current(tenantId) {
      return (await keysOf(tenantId)).current;
    },
    async verificationKey(tenantId, kid) {
      let keys = await keysOf(tenantId);
      // A kid we have never seen may come from a rotation on another node: look once more.
      if (!keys.publics.has(kid) && clock.now() - keys.loadedAt > 1000) keys = await keysOf(tenantId, 0);
      const entry = keys.publics.get(kid);
      return entry && stillPublished(tenantId, entry) ? entry.key : null;
    },
    async jwks(tenantId) {
      const keys = await keysOf(tenantId);
      return { keys: [...keys.publics.values()].filter((e) => stillPublished(tenantId, e)).map((e) => e.jwk) };
    },
    async list(tenantId) {
      const records = await repo.listByTenant(tenantId);
      return records.map((record) => ({
        record,
        verifiesUntil: record.retiredAt === null ? null : record.retiredAt + options.tokenLifetimeMs(tenantId) + options.refreshMs,
      }));
    },
    async rotate(tenantId) {
      const previous = (await repo.listByTenant(tenantId)).filter((r) => r.status === 'active');
      const fresh = await generate(tenantId);
      for (const r of previous) await repo.retire(tenantId, r.kid, clock.now());
      await load(tenantId);
      return { kid: fresh.kid, retired: previous.map((r) => r.kid) };
    },
  };
}
