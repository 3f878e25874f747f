import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startServer } from './support/start-server.ts';
import { testServiceSettings } from '../src/config/test-services.ts';

const databaseUrl = testServiceSettings().databaseUrl ?? undefined;
const redisUrl = testServiceSettings().redisUrl ?? undefined;
const required = testServiceSettings().required;
const missing = [databaseUrl ? null : 'TEST_DATABASE_URL', redisUrl ? null : 'TEST_REDIS_URL'].filter((m) => m !== null);

if (missing.length > 0 && required) {
  it('PostgreSQL and Redis are configured for this run', () => {
    assert.fail(`${missing.join(' and ')} must be set when TEST_REQUIRE_SERVICES=1`);
  });
}

describe('npm start with DATABASE_URL and REDIS_URL', { skip: missing.length > 0 && !required ? `${missing.join(', ')} not set` : false }, () => {
  const schema = `sigil_e2e_${randomBytes(6).toString('hex')}`;
  const masterKey = randomBytes(32).toString('base64');
  let admin: pg.Client;
  before(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  after(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  const databaseEnv = (): string => {
    const url = new URL(databaseUrl as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };

  it('serves /health, /ready and the JWKS on PostgreSQL and Redis, and keeps its key across restarts', async () => {
    const env = { DATABASE_URL: databaseEnv(), REDIS_URL: redisUrl as string, REDIS_KEY_PREFIX: `${schema}:`, MASTER_KEY: masterKey };
    const first = await startServer(env);
    let kid: string | undefined;
    try {
      assert.deepEqual(await (await fetch(`${first.url}/health`)).json(), { status: 'ok' });
      const ready = await fetch(`${first.url}/ready`);
      assert.deepEqual(await ready.json(), { status: 'ready', checks: { storage: 'ok', ephemeral: 'ok' }, failing: [], dialects: { default: ['native'] }, warnings: [] });
      const jwks = (await (await fetch(`${first.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      kid = jwks.keys[0]?.kid;
      assert.equal(jwks.keys.length, 1);
      const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      assert.ok(tables.rows.some((r: { table_name: string }) => r.table_name === 'credentials'));
    } finally {
      assert.equal(await first.stop(), 0);
    }
    const second = await startServer(env);
    try {
      const jwks = (await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      assert.deepEqual(jwks.keys.map((k) => k.kid), [kid]);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });

  it('answers /ready 503 naming the ephemeral store when Redis does not answer', async () => {
    const server = await startServer({ DATABASE_URL: databaseEnv(), REDIS_URL: 'redis://127.0.0.1:1', MASTER_KEY: masterKey });
    try {
      const ready = await fetch(`${server.url}/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'unavailable', checks: { storage: 'ok', ephemeral: 'unavailable' }, failing: ['ephemeral'], dialects: { default: ['native'] }, warnings: [] });
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
