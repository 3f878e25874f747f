import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compose } from '../../compose.ts';
import { ConfigError, loadConfig } from '../../config/load.ts';
import { DomainError } from '../../core/errors.ts';
import { createLogger } from '../../logger.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { TEST_MASTER_KEY } from '../../testing/test-services.ts';
import { dialectRegistry } from '../registry.ts';
import { parseDialectsArgument } from '../tenant-dialect-settings.ts';
import { loginIdSettings } from './settings.ts';

const APP_ID = '5B1F3A0E-7C2D-4E8F-9A6B-1C2D3E4F5A6B';
const refusedWith = (detail: string) => (e: unknown) => e instanceof DomainError && e.code === 'invalid_request' && e.detail === detail;

describe('LoginID settings (Tenant.dialects.loginid)', () => {
  it('reads {appId}: required, a UUID, kept lower-case; nothing else', () => {
    assert.deepEqual(loginIdSettings.read({ appId: APP_ID }), { appId: APP_ID.toLowerCase() });
    assert.throws(() => loginIdSettings.read({}), refusedWith('dialect loginid: appId is required (the LoginID app id, a UUID)'));
    assert.throws(() => loginIdSettings.read({ appId: 'my-app' }), refusedWith('dialect loginid: appId must be a UUID'));
    assert.throws(() => loginIdSettings.read({ appId: 7 }), refusedWith('dialect loginid: appId must be a UUID'));
    assert.throws(() => loginIdSettings.read({ appId: APP_ID, baseUrl: 'x' }), refusedWith('dialect loginid: unknown setting baseUrl (known: appId)'));
    // `tenants create --dialects native,loginid` cannot enable it without the app id.
    assert.throws(() => parseDialectsArgument(dialectRegistry(), 'native,loginid'), refusedWith('dialect loginid: appId is required (the LoginID app id, a UUID)'));
  });

  it('builds the default tenant\'s from LOGINID_APP_ID; DIALECTS naming loginid without it is a configuration error', () => {
    assert.deepEqual(loginIdSettings.fromConfig(loadConfig({ LOGINID_APP_ID: APP_ID })), { appId: APP_ID.toLowerCase() });
    assert.throws(() => loginIdSettings.fromConfig(loadConfig({})), refusedWith('dialect loginid: LOGINID_APP_ID is required to serve loginid (the LoginID app id, a UUID)'));
    assert.throws(
      () => loadConfig({ DIALECTS: 'native,loginid' }),
      (e: unknown) => e instanceof ConfigError && e.problems.includes('LOGINID_APP_ID: required because DIALECTS includes loginid (the LoginID app id, a UUID)'),
    );
    assert.throws(() => loadConfig({ LOGINID_APP_ID: 'my-app' }), (e: unknown) => e instanceof ConfigError && e.problems.includes('LOGINID_APP_ID: must be a UUID'));
  });

  it('serves the default tenant with its app id; an app id without loginid in DIALECTS is reported as unused; a kept loginid without it stops the start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-loginid-settings-'));
    const start = async (env: Record<string, string>) => {
      const config = loadConfig({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', ...env });
      const services = await compose(config, { clock: new FixedClock(), logger: createLogger('silent') });
      const result = { dialects: services.core.tenants.defaultTenant().dialects, warnings: services.warnings.filter((w) => w.includes('dialect')) };
      await services.close();
      return result;
    };
    try {
      assert.deepEqual(await start({}), { dialects: { native: {} }, warnings: [] });
      assert.deepEqual(await start({ LOGINID_APP_ID: APP_ID }), {
        dialects: { native: {} },
        warnings: ['the default tenant does not serve the loginid dialect (DIALECTS), so its settings in the environment have no effect'],
      });
      assert.deepEqual(await start({ DIALECTS: 'native,loginid', LOGINID_APP_ID: APP_ID }), { dialects: { native: {}, loginid: { appId: APP_ID.toLowerCase() } }, warnings: [] });
      // DIALECTS unset keeps loginid, whose settings follow the environment: without the app id there are none.
      await assert.rejects(start({}), (e: unknown) => e instanceof Error && e.message === 'DIALECTS: dialect loginid: LOGINID_APP_ID is required to serve loginid (the LoginID app id, a UUID)');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
