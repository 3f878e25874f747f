import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compose } from '../compose.ts';
import { loadConfig } from '../config/load.ts';
import { DomainError } from '../core/errors.ts';
import { createLogger } from '../logger.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { TEST_MASTER_KEY } from '../testing/test-services.ts';
import type { Dialect } from './dialect.ts';
import { dialectRegistry, DIALECTS } from './registry.ts';
import { noSettings } from './settings-reader.ts';
import { parseDialectsArgument, readTenantDialects } from './tenant-dialect-settings.ts';

const registry = dialectRegistry();
const refusedWith = (detail: string) => (e: unknown) => e instanceof DomainError && e.code === 'invalid_request' && e.detail === detail;
const HASH = 'ab'.repeat(32);

describe('tenant dialect settings', () => {
  it('reads each dialect\'s settings through its own codec, filling defaults, in one order', () => {
    const read = readTenantDialects(registry, { duo: { hookSecretHash: HASH }, biokey: {}, native: {} });
    assert.deepEqual(read, { native: {}, biokey: { insecureLegacyMode: false }, duo: { hookSecretHash: HASH } });
    assert.deepEqual(Object.keys(read), ['native', 'biokey', 'duo']);
  });

  it('refuses unknown dialects, dialects not built yet, unknown or mistyped settings', () => {
    assert.throws(() => readTenantDialects(registry, { fido: {} }), refusedWith('"fido" is not a dialect (available: native, duo, biokey, swapbits, loginid)'));
    assert.throws(() => readTenantDialects(registry, { appkey: {} }), refusedWith('"appkey" is not built into this version (available: native, duo, biokey, swapbits, loginid)'));
    assert.throws(() => readTenantDialects(registry, { biokey: { legacy: true } }), refusedWith('dialect biokey: unknown setting legacy (known: insecureLegacyMode)'));
    assert.throws(() => readTenantDialects(registry, { biokey: { insecureLegacyMode: 'yes' } }), refusedWith('dialect biokey: insecureLegacyMode must be true or false'));
    assert.throws(() => readTenantDialects(registry, { duo: { hookSecretHash: 'secret' } }), refusedWith('dialect duo: hookSecretHash must be the lower-case hex SHA-256 of the hook secret, or null'));
    assert.throws(() => readTenantDialects(registry, { native: { x: 1 } }), refusedWith('dialect native: unknown setting x (it has no settings)'));
    assert.throws(() => readTenantDialects(registry, { swapbits: [] }), refusedWith('dialect swapbits: settings must be a JSON object'));
    assert.throws(() => readTenantDialects(registry, ['native']), refusedWith('dialects must be a JSON object of dialect name → settings'));
  });

  it('takes --dialects as names (default settings) or as JSON', () => {
    assert.deepEqual(parseDialectsArgument(registry, 'native, swapbits'), { native: {}, swapbits: {} });
    assert.deepEqual(parseDialectsArgument(registry, `{"duo":{"hookSecretHash":"${HASH}"}}`), { duo: { hookSecretHash: HASH } });
    assert.throws(() => parseDialectsArgument(registry, '{"duo":'), refusedWith('--dialects is neither a list of names nor valid JSON'));
    assert.throws(() => parseDialectsArgument(registry, ' , '), refusedWith('--dialects must name at least one dialect'));
  });
});

describe('the default tenant\'s dialects across starts', () => {
  const start = async (dataDir: string, env: Record<string, string>, dialects?: readonly Dialect[]) => {
    const config = loadConfig({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', ...env });
    const services = await compose(config, { clock: new FixedClock(), logger: createLogger('silent'), ...(dialects ? { dialects } : {}) });
    const tenant = services.core.tenants.defaultTenant();
    const warnings = services.warnings;
    await services.close();
    return { dialects: tenant.dialects, warnings };
  };

  it('is native when new; follows DIALECTS and each dialect\'s settings when set; keeps what it has when unset', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-default-dialects-'));
    try {
      const fresh = await start(dataDir, { BIOKEY_INSECURE_LEGACY_MODE: 'true' });
      assert.deepEqual(fresh.dialects, { native: {} });
      assert.deepEqual(fresh.warnings.filter((w) => w.includes('dialect')), ['the default tenant does not serve the biokey dialect (DIALECTS), so its settings in the environment have no effect']);
      const both = await start(dataDir, { DIALECTS: 'biokey,duo', BIOKEY_INSECURE_LEGACY_MODE: 'true', DUO_HOOK_SECRET: 'hook-secret-0123456789' });
      const hookSecretHash = createHash('sha256').update('hook-secret-0123456789').digest('hex');
      assert.deepEqual(both.dialects, { biokey: { insecureLegacyMode: true }, duo: { hookSecretHash } });
      assert.deepEqual(both.warnings.filter((w) => w.includes('BioKey')), ['tenant default: BioKey insecure legacy mode is on (/verify accepts no proof of possession)']);
      // Unset: the same dialects, their settings from this start's configuration.
      assert.deepEqual((await start(dataDir, {})).dialects, { biokey: { insecureLegacyMode: false }, duo: { hookSecretHash: null } });
      assert.deepEqual((await start(dataDir, { DIALECTS: 'native' })).dialects, { native: {} });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a dialect this build lacks, or on two dialects whose routes collide', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-default-dialects-'));
    try {
      await assert.rejects(start(dataDir, { DIALECTS: 'native,appkey' }), { message: 'DIALECTS: "appkey" is not built into this version (available: native, duo, biokey, swapbits, loginid)' });
      const rival: Dialect = { name: 'appkey', routes: ['POST /assertion/options'], plugin: async () => {}, settings: noSettings('appkey') };
      await assert.rejects(start(dataDir, {}, [...DIALECTS, rival]), {
        message: 'dialect routes collide (one request could reach both):\n  - native "POST /assertion/options" and appkey "POST /assertion/options"',
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
