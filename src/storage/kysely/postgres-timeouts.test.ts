import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { testServiceSettings } from '../../config/test-services.ts';
import { DomainError } from '../../core/errors.ts';
import { createKyselyStorage } from './create-kysely-storage.ts';

const { databaseUrl, required } = testServiceSettings();

if (databaseUrl === null && required) {
  it('PostgreSQL timeouts have a server to run against', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set'));
}

describe('PostgreSQL pool bounds (real server)', { skip: databaseUrl === null && !required ? 'TEST_DATABASE_URL not set' : false }, () => {
  it('a statement past DATABASE_STATEMENT_TIMEOUT_SECONDS fails as service_unavailable, and the pool goes on serving', async () => {
    const storage = createKyselyStorage({ kind: 'postgres', url: databaseUrl as string, statementTimeoutMs: 300, maxConnections: 1 });
    try {
      const started = Date.now();
      await assert.rejects(sql`select pg_sleep(5)`.execute(storage.db), (e) => e instanceof DomainError && e.code === 'service_unavailable' && e.retryAfterSeconds === 2);
      assert.ok(Date.now() - started < 2000, `failed after ${Date.now() - started} ms`);
      await storage.ping();
    } finally {
      await storage.close();
    }
  });

  it('an unreachable server fails within the connect timeout as service_unavailable', async () => {
    const storage = createKyselyStorage({ kind: 'postgres', url: 'postgres://sigil@127.0.0.1:1/none', connectTimeoutMs: 500 });
    try {
      await assert.rejects(storage.ping(), (e) => e instanceof DomainError && e.code === 'service_unavailable' && /^postgres connect failed/.test(e.detail ?? ''));
    } finally {
      await storage.close();
    }
  });
});
