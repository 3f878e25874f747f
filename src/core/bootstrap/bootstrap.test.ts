import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticateApiKey } from '../api-keys/authenticate-api-key.ts';
import { DomainError } from '../errors.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { createTestServices, TEST_ADMIN_KEY } from '../../testing/test-services.ts';
import { compose } from '../../compose.ts';
import { loadConfig } from '../../config/load.ts';
import { createLogger } from '../../logger.ts';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;

describe('first start and restarts', () => {
  it('creates the default tenant from configuration, and a restart with other values updates and audits it', async () => {
    const s = await createTestServices({ env: { RP_ID: 'example.com', RP_NAME: 'Example', ORIGINS: 'https://example.com' } });
    try {
      const t = s.core.tenants.defaultTenant();
      assert.deepEqual([t.slug, t.rpId, t.rpName, t.origins], ['default', 'example.com', 'Example', ['https://example.com']]);
      assert.equal(t.policies.challengeTtlSeconds, 300);
      await s.close();
      const env = { DATA_DIR: s.dataDir, MASTER_KEY: Buffer.alloc(32, 0x42).toString('base64'), ADMIN_API_KEY: TEST_ADMIN_KEY, LOG_LEVEL: 'silent' };
      const again = await compose(loadConfig({ ...env, RP_ID: 'login.example.com', ORIGINS: 'https://login.example.com,https://example.com', CHALLENGE_TTL_SECONDS: '120' }), { clock: new FixedClock(), logger: createLogger('silent') });
      try {
        const u = again.core.tenants.defaultTenant();
        assert.equal(u.id, t.id);
        assert.deepEqual([u.rpId, u.origins, u.policies.challengeTtlSeconds], ['login.example.com', ['https://login.example.com', 'https://example.com'], 120]);
        const events = await again.core.storage.audit.list(t.id, { limit: 50 });
        const updated = events.find((e) => e.action === 'tenant.updated');
        assert.deepEqual(updated?.detail, { fields: ['rpId', 'rpName', 'origins', 'policies.challengeTtlSeconds'] });
      } finally {
        await again.close();
      }
    } finally {
      await s.dispose();
    }
  });

  it('generates an admin key once when ADMIN_API_KEY is unset, and never prints it again', async () => {
    const s = await createTestServices({ env: { ADMIN_API_KEY: '' } });
    try {
      const generated = s.generatedAdminKey;
      assert.match(generated ?? '', /^sigil_sk_[A-Za-z0-9_-]{43}$/);
      const principal = await authenticateApiKey(s.core, generated as string, { scope: 'audit:read' });
      assert.equal(principal.tenant.slug, 'default');
      const stored = await s.core.storage.apiKeys.listByTenant(principal.tenant.id);
      assert.equal(JSON.stringify(stored).includes(generated as string), false, 'only hashes are stored');
      await s.close();
      const again = await compose(loadConfig({ DATA_DIR: s.dataDir, MASTER_KEY: Buffer.alloc(32, 0x42).toString('base64'), LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
      assert.equal(again.generatedAdminKey, null);
      await again.close();
    } finally {
      await s.dispose();
    }
  });

  it('honours ADMIN_API_KEY with every scope, and a changed value revokes the old one', async () => {
    const s = await createTestServices();
    try {
      assert.equal(s.generatedAdminKey, null);
      for (const scope of ['tenants:write', 'keys:rotate', 'grants:write'] as const) {
        assert.equal((await authenticateApiKey(s.core, TEST_ADMIN_KEY, { scope })).apiKey.name, 'ADMIN_API_KEY');
      }
      await assert.rejects(authenticateApiKey(s.core, `${TEST_ADMIN_KEY}x`, { scope: 'audit:read' }), code('unauthorized'));
      await s.close();
      const newKey = 'a-completely-different-admin-key-value-0001';
      const again = await compose(loadConfig({ DATA_DIR: s.dataDir, MASTER_KEY: Buffer.alloc(32, 0x42).toString('base64'), ADMIN_API_KEY: newKey, LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
      try {
        await assert.rejects(authenticateApiKey(again.core, TEST_ADMIN_KEY, { scope: 'audit:read' }), code('unauthorized'));
        assert.equal((await authenticateApiKey(again.core, newKey, { scope: 'audit:read' })).apiKey.name, 'ADMIN_API_KEY');
      } finally {
        await again.close();
      }
    } finally {
      await s.dispose();
    }
  });

  it('setting ADMIN_API_KEY retires the generated key, and an earlier, revoked value is refused', async () => {
    const s = await createTestServices({ env: { ADMIN_API_KEY: '' } });
    const generated = s.generatedAdminKey as string;
    const env = { DATA_DIR: s.dataDir, MASTER_KEY: Buffer.alloc(32, 0x42).toString('base64'), LOG_LEVEL: 'silent' };
    const restart = (adminKey: string) => compose(loadConfig({ ...env, ADMIN_API_KEY: adminKey }), { logger: createLogger('silent') });
    try {
      await s.close();
      const first = await restart(TEST_ADMIN_KEY);
      await assert.rejects(authenticateApiKey(first.core, generated, { scope: 'audit:read' }), code('unauthorized'));
      const revoked = (await first.core.storage.audit.list(first.core.tenants.defaultTenant().id, { limit: 50 })).filter((e) => e.action === 'api-key.revoked');
      assert.deepEqual(revoked.map((e) => e.detail), [{ reason: 'ADMIN_API_KEY set' }]);
      await first.close();
      await (await restart('a-completely-different-admin-key-value-0002')).close();
      await assert.rejects(restart(TEST_ADMIN_KEY), /ADMIN_API_KEY holds a key that was revoked earlier/);
    } finally {
      await s.dispose();
    }
  });

  it('refuses a key without the scope as forbidden, and a key of another tenant as unauthorized', async () => {
    const s = await createTestServices();
    try {
      const { createApiKey } = await import('../api-keys/create-api-key.ts');
      const ctx = { requestId: null, ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };
      const tenant = s.core.tenants.defaultTenant();
      const { secret } = await createApiKey(s.core, ctx, tenant, { name: 'reader', scopes: ['audit:read'] });
      assert.equal((await authenticateApiKey(s.core, secret, { scope: 'audit:read' })).apiKey.name, 'reader');
      await assert.rejects(authenticateApiKey(s.core, secret, { scope: 'keys:rotate' }), code('forbidden'));
      await assert.rejects(authenticateApiKey(s.core, secret, { scope: 'audit:read', tenantId: 'other' }), code('unauthorized'));
    } finally {
      await s.dispose();
    }
  });
});
