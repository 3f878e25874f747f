import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './load.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8080);
    assert.equal(c.publicUrl, 'http://localhost:8080');
    assert.deepEqual(c.origins, ['http://localhost:8080']);
    assert.equal(c.rpId, 'localhost');
    assert.equal(c.rpName, 'Sigil');
    assert.equal(c.dataDir, './data');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.redisUrl, null);
    assert.equal(c.challengeTtlSeconds, 300);
    assert.equal(c.requireMasterKey, false);
    assert.ok(Object.isFrozen(c));
  });

  it('reads DIALECTS as known names, each once; unset is null (the default tenant decides)', () => {
    assert.equal(loadConfig({}).dialects, null);
    assert.deepEqual(loadConfig({ DIALECTS: ' native , BioKey,duo,native ' }).dialects, ['native', 'biokey', 'duo']);
    assert.deepEqual(loadConfig({ DIALECTS: 'swapbits' }).dialects, ['swapbits']);
    assert.throws(() => loadConfig({ DIALECTS: 'native,fido,u2f' }), (e: unknown) =>
      e instanceof ConfigError && e.problems.includes('DIALECTS: unknown dialect fido, u2f (valid: native, biokey, swapbits, duo, appkey, loginid)'));
    assert.throws(() => loadConfig({ DIALECTS: ' , ' }), (e: unknown) =>
      e instanceof ConfigError && e.problems.includes('DIALECTS: must name at least one dialect (native, biokey, swapbits, duo, appkey, loginid)'));
  });

  it('bounds the public-key caches: 10,000 keys per pool by default, at least one', () => {
    assert.equal(loadConfig({}).publicKeyCacheSize, 10_000);
    assert.equal(loadConfig({ PUBLIC_KEY_CACHE_SIZE: '250' }).publicKeyCacheSize, 250);
    assert.throws(() => loadConfig({ PUBLIC_KEY_CACHE_SIZE: '0' }), ConfigError);
  });

  it('derives the default origin and issuer from PORT', () => {
    const c = loadConfig({ PORT: '9090' });
    assert.deepEqual(c.origins, ['http://localhost:9090']);
    assert.equal(c.publicUrl, 'http://localhost:9090');
  });

  it('accepts web and Android app origins, comma separated', () => {
    const app = `android:apk-key-hash:${'A'.repeat(43)}`;
    const c = loadConfig({ ORIGINS: `https://example.com, ${app}` });
    assert.deepEqual(c.origins, ['https://example.com', app]);
  });

  it('reports every violation by variable name, at once', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', ORIGINS: 'https://example.com/path', MASTER_KEY: 'short', ADMIN_API_KEY: 'tiny', RP_ID: 'https://x', IDP_ISSUER: 'https://idp' });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ConfigError);
    assert.deepEqual(caught.problems, [
      'PORT: must be an integer from 0 to 65535 (got "eighty")',
      'RP_ID: must be a lower-case domain name such as example.com',
      'ORIGINS: not valid origins: https://example.com/path',
      'ADMIN_API_KEY: must be at least 32 characters (generate one with `openssl rand -base64 32`)',
      'MASTER_KEY: must be base64 of exactly 32 bytes (`openssl rand -base64 32`)',
      'IDP_ISSUER, IDP_AUDIENCE, IDP_JWKS_URL: set all three or none',
    ]);
  });

  it('trusts X-Forwarded-For only from a counted or listed proxy, never from everyone', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, 192.168.1.10, loopback' }).trustProxy, ['10.0.0.0/8', '::1', '192.168.1.10', 'loopback']);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), (e: unknown) => e instanceof ConfigError && /TRUST_PROXY: true would let any client choose its IP/.test(e.message));
    assert.throws(() => loadConfig({ TRUST_PROXY: '1' }), (e: unknown) => e instanceof ConfigError && /TRUST_PROXY: a hop count cannot tell a proxy from a client/.test(e.message));
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33,proxy.local' }), (e: unknown) => e instanceof ConfigError && /not addresses or CIDRs: 10\.0\.0\.0\/33, proxy\.local/.test(e.message));
  });

  it('makes a missing MASTER_KEY fatal when REQUIRE_MASTER_KEY is true', () => {
    assert.throws(() => loadConfig({ REQUIRE_MASTER_KEY: 'true' }), (e: unknown) => e instanceof ConfigError && e.problems.includes('MASTER_KEY: required because REQUIRE_MASTER_KEY is true'));
    const key = Buffer.alloc(32, 7).toString('base64');
    assert.equal(loadConfig({ REQUIRE_MASTER_KEY: 'true', MASTER_KEY: key }).masterKey, key);
  });
});
