import { hkdfSync } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config/schema.ts';
import { defaultTenantSpec } from './config/default-tenant.ts';
import { ensureAdminKey } from './core/bootstrap/ensure-admin-key.ts';
import { ensureDefaultTenant } from './core/bootstrap/ensure-default-tenant.ts';
import type { CoreDeps, RequestContext } from './core/deps.ts';
import type { Clock, EphemeralStore, Random } from './core/ports.ts';
import { loadTenantDirectory } from './core/tenant-directory.ts';
import { createAppKeyring } from './crypto/app-keyring.ts';
import { createKeyring } from './crypto/keyring.ts';
import { PublicKeyCache } from './crypto/cose/public-key-cache.ts';
import { publicKeyFromSpki } from './crypto/device-keys/index.ts';
import { createSealer } from './crypto/envelope.ts';
import { resolveMasterKey } from './crypto/resolve-master-key.ts';
import { systemClock, systemRandom } from './crypto/system.ts';
import { openEphemeral } from './ephemeral/open-ephemeral.ts';
import { createFaceVerifiers } from './face/face-verifiers.ts';
import { createJoseExternalTokenVerifier } from './idp/jose-external-token-verifier.ts';
import { dialectRegistry, DIALECTS } from './dialects/registry.ts';
import type { Dialect } from './dialects/dialect.ts';
import { assertNoRouteCollisions } from './dialects/route-collisions.ts';
import { dialectWarnings, unusedDialectConfig } from './dialects/dialect-warnings.ts';
import { defaultTenantDialects } from './dialects/tenant-dialect-settings.ts';
import { createSocialTokenVerifier } from './idp/social-id-token-verifier.ts';
import { createLogger } from './logger.ts';
import { instrumentEphemeral } from './metrics/instrument-ephemeral.ts';
import { instrumentStorage } from './metrics/instrument-storage.ts';
import { createSigilMetrics } from './metrics/sigil-metrics.ts';
import { messengerFromConfig } from './messaging/messenger-from-config.ts';
import { loadPasskeyTrust } from './passkeys/load-passkey-trust.ts';
import type { ReadinessCheck, Services } from './services.ts';
import { cacheLoginReads } from './storage/caching/cache-login-reads.ts';
import { openStorage } from './storage/open-storage.ts';

export interface ComposeOverrides {
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: PinoLogger;
  /**
   * An ephemeral store opened by the caller, used instead of the one the configuration names (the
   * caller closes it; tests pass one that counts its calls). REDIS_URL still says whether there
   * are several nodes.
   */
  readonly ephemeral?: EphemeralStore;
  /** The dialect registry (tests add a faulty one to see start-up refuse it). */
  readonly dialects?: readonly Dialect[];
}

/**
 * The composition root: configuration → stores → crypto → core. The server, the CLI and the
 * end-to-end tests all build Sigil here, so they run the same wiring.
 */
export async function compose(config: Config, overrides: ComposeOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? systemRandom;
  const warnings: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  // Idempotent: steps run once, newest first.
  const close = async (): Promise<void> => {
    for (let step = cleanup.pop(); step !== undefined; step = cleanup.pop()) await step().catch((err: unknown) => logger.error({ err }, 'close failed'));
  };

  try {
    // Before anything is opened: two dialects that could answer one request are a build error.
    const dialectList = overrides.dialects ?? DIALECTS;
    assertNoRouteCollisions(dialectList);
    const dialects = dialectRegistry(dialectList);
    const master = resolveMasterKey(config);
    if (master.warning) {
      warnings.push(master.warning);
      logger.warn({ masterKeyFile: master.path }, `!!! ${master.warning} !!!`);
    }
    const sealer = createSealer(master.key);
    const passkeyTrust = await loadPasskeyTrust(config, clock.now());
    warnings.push(...passkeyTrust.warnings);
    const metadata = passkeyTrust.catalog;
    if (metadata) logger.info({ serial: metadata.serial, nextUpdate: metadata.nextUpdate, authenticators: metadata.size }, 'FIDO metadata BLOB verified');

    // Off unless the operator asked for them: then no request pays for counting.
    const metrics = config.metricsToken !== null || config.metricsPort !== null ? createSigilMetrics() : null;
    const openedStorage = await openStorage(config, logger);
    cleanup.push(() => openedStorage.close());
    const openedEphemeral = overrides.ephemeral ?? openEphemeral(config, clock, logger);
    if (overrides.ephemeral === undefined) cleanup.push(() => openedEphemeral.close());
    const ephemeral = metrics ? instrumentEphemeral(openedEphemeral, metrics) : openedEphemeral;
    // The login-read cache outermost: the metrics count what reaches the database.
    const storage = cacheLoginReads(metrics ? instrumentStorage(openedStorage, metrics) : openedStorage, ephemeral, clock, config);

    const ctx: RequestContext = { requestId: null, ip: null, actor: 'system', logger };
    const bootDeps = { storage, clock, random };
    const tenant = await ensureDefaultTenant(bootDeps, ctx, defaultTenantSpec(config, (current) => defaultTenantDialects(dialects, config, current)));
    const admin = await ensureAdminKey(bootDeps, ctx, tenant, config.adminApiKey);
    const tenants = await loadTenantDirectory(storage.tenants);
    const refresh = setInterval(() => {
      tenants.reload().catch((err: unknown) => logger.warn({ err }, 'tenant reload failed'));
    }, config.tenantRefreshSeconds * 1000);
    refresh.unref();
    cleanup.push(async () => clearInterval(refresh));
    // Revocations are kept only until the revoked token would have expired anyway.
    const purge = setInterval(() => {
      storage.revokedTokens.purgeExpired(clock.now()).catch((err: unknown) => logger.warn({ err }, 'purging expired revocations failed'));
    }, 10 * 60_000);
    purge.unref();
    cleanup.push(async () => clearInterval(purge));

    const keyring = createKeyring({
      repo: storage.signingKeys,
      sealer,
      clock,
      refreshMs: config.signingKeyRefreshSeconds * 1000,
      tokenLifetimeMs: (tenantId) => (tenants.byId(tenantId)?.policies.accessTokenTtlSeconds ?? 86_400) * 1000,
    });
    await keyring.current(tenant.id);

    warnings.push(...unusedDialectConfig(dialects, config, tenant));
    for (const t of tenants.all()) {
      for (const w of dialectWarnings(dialects, t)) warnings.push(`tenant ${t.slug}: ${w}`);
      if (t.policies.insecureOpenRegistrationForExistingUsers) warnings.push(`tenant ${t.slug}: insecure open registration is on (anyone may add a passkey to any username)`);
      if (t.policies.insecureAllowLoginWithoutUserPresence) warnings.push(`tenant ${t.slug}: insecure login without user presence is on (assertions without the UP flag are accepted)`);
    }
    for (const w of warnings) if (w !== master.warning) logger.warn({}, `!!! ${w} !!!`);

    const idp = createJoseExternalTokenVerifier();
    const enumerationKey = new Uint8Array(hkdfSync('sha256', master.key, new Uint8Array(0), 'sigil/enumeration', 32));
    const passkeys = { keyCache: new PublicKeyCache(config.publicKeyCacheSize), trust: passkeyTrust.trust };
    const deviceKeys = { keyCache: new PublicKeyCache(config.publicKeyCacheSize, publicKeyFromSpki) };
    const codeKey = new Uint8Array(hkdfSync('sha256', master.key, new Uint8Array(0), 'sigil/one-time-codes', 32));
    const messenger = messengerFromConfig(config);
    cleanup.push(() => messenger.close());
    logger.info({ channels: messenger.channels(tenant) }, 'one-time code channels');
    const codeIssue = { perClientHour: config.codeIssueLimitPerClientHour, perTenantHour: config.codeIssueLimitPerTenantHour };
    const settings = { publicUrl: config.publicUrl, enumerationKey, codeKey, codeIssue };
    const core: CoreDeps = { storage, ephemeral, clock, random, keyring, tenants, idp, sealer, passkeys, deviceKeys, settings, messenger };
    const readiness: ReadinessCheck[] = [
      { name: 'storage', check: () => storage.ping() },
      { name: 'ephemeral', check: () => ephemeral.ping() },
    ];
    const faceVerifiers = createFaceVerifiers();
    const appKeyring = createAppKeyring({ repo: storage.appSigningKeys, sealer, clock, refreshMs: config.signingKeyRefreshSeconds * 1000 });
    const socialTokens = createSocialTokenVerifier({ google: config.googleJwksUrl, apple: config.appleJwksUrl });
    return { config, core, keyring, faceVerifiers, dialects, appKeyring, socialTokens, logger, metrics, readiness, warnings, generatedAdminKey: admin.generatedSecret, close };
  } catch (error) {
    await close();
    throw error;
  }
}
