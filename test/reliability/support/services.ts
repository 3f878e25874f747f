import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { testServiceSettings } from '../../../src/config/test-services.ts';

export const settings = testServiceSettings();

/** Each suite here is bounded: a hang fails it instead of holding up `npm test`. */
export const SUITE_TIMEOUT_MS = 90_000;

/**
 * Registers a suite that needs PostgreSQL and Redis: it runs when both are configured, FAILS when
 * one is missing under TEST_REQUIRE_SERVICES=1 (as CI sets it), and is a visible skip otherwise.
 */
export function describeWithServices(name: string, suite: (urls: { databaseUrl: string; redisUrl: string }) => void): void {
  const missing = [settings.databaseUrl ? null : 'TEST_DATABASE_URL', settings.redisUrl ? null : 'TEST_REDIS_URL'].filter((m) => m !== null);
  if (missing.length === 0) {
    describe(name, { timeout: SUITE_TIMEOUT_MS }, () => suite({ databaseUrl: settings.databaseUrl as string, redisUrl: settings.redisUrl as string }));
  } else if (settings.required) {
    it(`${name}: PostgreSQL and Redis are configured`, () => assert.fail(`${missing.join(' and ')} must be set when TEST_REQUIRE_SERVICES=1`));
  } else {
    describe(name, { skip: `${missing.join(', ')} not set` }, () => {});
  }
}

/** A name no parallel run shares: schema, Redis key prefix and application_name alike. */
export const runName = (what: string): string => `sigil_${what}_${randomBytes(5).toString('hex')}`;

export interface RunSchema {
  readonly schema: string;
  readonly admin: pg.Client;
  /** `base` (default: TEST_DATABASE_URL) with this schema first on the search path and the run's name. */
  urlVia(base?: string): string;
  drop(): Promise<void>;
}

export async function createRunSchema(databaseUrl: string, what: string): Promise<RunSchema> {
  const schema = runName(what);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    admin,
    urlVia(base = databaseUrl) {
      const url = new URL(base);
      url.searchParams.set('options', `-c search_path=${schema}`);
      url.searchParams.set('application_name', schema);
      return url.toString();
    },
    async drop() {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [schema]);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export { deleteRedisKeys } from '../../../src/testing/delete-redis-keys.ts';

/** `host` and `port` of a postgres:// or redis:// URL, for a proxy to stand in front of. */
export function endpointOf(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: u.port === '' ? defaultPort : Number(u.port) };
}

/** The same URL pointing at 127.0.0.1:`port` (a proxy). */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}
