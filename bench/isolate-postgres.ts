import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface IsolatedPostgres {
  /** DATABASE_URL with the schema first on the search path (a startup `options` parameter). */
  readonly url: string;
  readonly schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * A fresh schema for one bench run on the PostgreSQL of `url`: the server migrates into it, and
 * nothing an earlier run left (rows sealed under its development master key, its users and
 * audit rows) is seen or grows from run to run.
 */
export async function isolatePostgres(url: string): Promise<IsolatedPostgres> {
  const schema = `sigil_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const isolated = new URL(url);
  // Appended to any startup options the URL already carries.
  const given = isolated.searchParams.get('options');
  isolated.searchParams.set('options', `${given ? `${given} ` : ''}-c search_path=${schema}`);
  return {
    url: isolated.toString(),
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
