import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testServiceSettings } from '../config/test-services.ts';

/** The environment that puts test services on one engine, and how to drop what it made. */
export interface TestEngine {
  readonly name: 'SQLite' | 'PostgreSQL';
  prepare(): Promise<{ readonly env: Record<string, string>; drop(): Promise<void> }>;
}

/**
 * The engines a race is run on: SQLite always, PostgreSQL (each run in a fresh schema, named
 * on the URL's search path) when the run has TEST_DATABASE_URL.
 */
export function testEngines(): TestEngine[] {
  const sqlite: TestEngine = { name: 'SQLite', prepare: async () => ({ env: {}, drop: async () => {} }) };
  const { databaseUrl } = testServiceSettings();
  if (databaseUrl === null) return [sqlite];
  const postgres: TestEngine = {
    name: 'PostgreSQL',
    async prepare() {
      const schema = `sigil_race_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`create schema ${schema}`);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        env: { DATABASE_URL: url.href },
        async drop() {
          await client.query(`drop schema ${schema} cascade`);
          await client.end();
        },
      };
    },
  };
  return [sqlite, postgres];
}
