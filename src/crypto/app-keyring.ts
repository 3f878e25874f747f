import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AppSigningKeyRecord, AppSigningKeyRepository } from '../core/accounts/app-signing-key.ts';
import type { Clock } from '../core/ports.ts';
import type { Sealer } from './envelope.ts';

export interface ActiveAppKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** SPKI, PEM (`-----BEGIN PUBLIC KEY-----`). */
  readonly publicPem: string;
}

/**
 * Each tenant's RS256 key for the ID tokens apps verify on the device (AppKey's `jwt`, checked
 * against `appPublicKey`). Private keys are sealed at rest under the master key, bound to tenant
 * and kid; made on first use; `rotate` retires the others. 2048-bit: the AppKey Swift SDK pads
 * the signature's base64 by a rule that only holds for 256- and 384-byte signatures.
 */
export interface AppKeyring {
  current(tenantId: string): Promise<ActiveAppKey>;
  rotate(tenantId: string): Promise<{ kid: string; retired: string[] }>;
}

export interface AppKeyringOptions {
  readonly repo: AppSigningKeyRepository;
  readonly sealer: Sealer;
  readonly clock: Clock;
  /** How long a loaded key is used before the database is read again (rotations elsewhere). */
  readonly refreshMs: number;
}

const contextOf = (tenantId: string, kid: string): string => `app-signing-key|${tenantId}|${kid}`;

export function createAppKeyring(options: AppKeyringOptions): AppKeyring {
  const { repo, sealer, clock } = options;
  const cache = new Map<string, { loadedAt: number; key: ActiveAppKey }>();
  const loading = new Map<string, Promise<ActiveAppKey>>();

  async function generate(tenantId: string): Promise<AppSigningKeyRecord> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const kid = createHash('sha256').update(spki).digest('base64url').slice(0, 22);
    const record: AppSigningKeyRecord = {
      kid,
      tenantId,
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      sealedPrivateKey: sealer.seal(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })), contextOf(tenantId, kid)),
      status: 'active',
      createdAt: clock.now(),
      retiredAt: null,
    };
    await repo.create(record);
    return record;
  }

  async function load(tenantId: string): Promise<ActiveAppKey> {
    const records = await repo.listByTenant(tenantId);
    const active = records.find((r) => r.status === 'active') ?? (await generate(tenantId));
    const der = sealer.open(active.sealedPrivateKey, contextOf(tenantId, active.kid));
    const key = { kid: active.kid, publicPem: active.publicPem, privateKey: createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }) };
    cache.set(tenantId, { loadedAt: clock.now(), key });
    return key;
  }

  return {
    current(tenantId) {
      const cached = cache.get(tenantId);
      if (cached && clock.now() - cached.loadedAt < options.refreshMs) return Promise.resolve(cached.key);
      let pending = loading.get(tenantId);
      if (!pending) {
        pending = load(tenantId).finally(() => loading.delete(tenantId));
        loading.set(tenantId, pending);
      }
      return pending;
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
