import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LruMap } from '../../core/lru-map.ts';
import { startWalFlusher } from './wal-flusher.ts';

export interface SqliteDatabaseOptions {
  /** How long a writer waits for another process's lock before failing. */
  readonly busyTimeoutMs?: number;
  /** Prepared statements kept for reuse, keyed by SQL text. */
  readonly statementCacheSize?: number;
  /**
   * Hold the file's locks for the life of the connection (`locking_mode = EXCLUSIVE`): no lock
   * system calls per transaction, and no shared-memory index for WAL. No other process can
   * open the database meanwhile.
   */
  readonly exclusive?: boolean;
}

/**
 * The connection as Kysely uses it, plus what the hot-path executor needs to run compiled
 * statements on it directly (hot-path-executor.ts).
 */
export interface OpenedSqliteDatabase extends SqliteDatabase {
  /** Whether a transaction is open on the connection (node:sqlite's `isTransaction`). */
  readonly inTransaction: boolean;
  /** Runs one statement without parameters or results: transaction control (prepared once each). */
  exec(sql: string): void;
}

/**
 * Adapts node:sqlite's `DatabaseSync` to the interface Kysely's SQLite dialect expects (the
 * better-sqlite3 shape), so no native addon is needed. Statements are prepared once per SQL
 * text and reused: Kysely asks for a fresh one on every query.
 */
export function openSqliteDatabase(file: string, options: SqliteDatabaseOptions = {}): OpenedSqliteDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const cacheSize = options.statementCacheSize ?? 256;
  const database = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
  // WAL lets readers run beside the writer; NORMAL is durable across application crashes and
  // loses at most the last transactions on power loss, the usual trade for WAL.
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  database.exec('PRAGMA foreign_keys = ON');
  if (options.exclusive === true) database.exec('PRAGMA locking_mode = EXCLUSIVE');

  // Rows as arrays, named by a builder made once per statement, are only safe while the columns
  // a statement returns cannot change under it. SQLite re-prepares a statement by itself after a
  // schema change, and `select *` then returns other columns. With the file held exclusively no
  // other process can change the schema, and this connection's own DDL empties the cache below;
  // shared with other processes (the CLI's migrations), rows stay node:sqlite's own objects.
  const namedByBuilder = options.exclusive === true;
  // Least recently used out (`LruMap`): a hit marks its statement rather than re-inserting it.
  const cache = cacheSize > 0 ? new LruMap<string, SqliteStatement>(cacheSize) : null;
  const control = new Map<string, StatementSync>();
  // An in-memory database has no WAL file.
  const flusher = file === ':memory:' || file === '' ? null : startWalFlusher(`${file}-wal`, WAL_FLUSH_INTERVAL_MS);
  return {
    get inTransaction() {
      return database.isTransaction;
    },
    exec(sql: string) {
      // Transaction control repeats a few fixed statements: each is prepared once.
      let statement = control.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        control.set(sql, statement);
      }
      statement.run();
    },
    close() {
      flusher?.stop();
      cache?.clear();
      control.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache?.get(sql);
      if (cached !== undefined) return cached;
      if (SCHEMA_CHANGE.test(sql)) cache?.clear();
      const statement = adaptStatement(database.prepare(sql), namedByBuilder);
      cache?.set(sql, statement);
      return statement;
    },
  };
}

/** How often the WAL's written pages go to disk in the background (wal-flusher.ts). */
const WAL_FLUSH_INTERVAL_MS = 50;

/** DDL: after it, cached statements may return other columns than their builders name. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\s/i;

function adaptStatement(statement: StatementSync, namedByBuilder: boolean): SqliteStatement {
  // Kysely binds only strings, numbers, bigints, nulls and byte arrays here: the row mappers
  // encode booleans and JSON before they reach the driver.
  const bind = (parameters: ReadonlyArray<unknown>) => parameters as SQLInputValue[];
  const reader = statement.columns().length > 0;
  if (!reader || !namedByBuilder) {
    return { reader, all: (parameters) => statement.all(...bind(parameters)), run: (parameters) => statement.run(...bind(parameters)), iterate: (parameters) => statement.iterate(...bind(parameters)) };
  }
  // Rows come back as arrays and become objects here: node:sqlite would otherwise make a new
  // string for every column name of every row, which costs more than the query on a keyed read.
  statement.setReturnArrays(true);
  let names: readonly string[] = [];
  let toObject = (values: unknown): Record<string, unknown> => values as Record<string, unknown>;
  const rename = (): void => {
    names = statement.columns().map((c) => c.name);
    toObject = rowBuilder(names);
  };
  rename();
  // A row of another width means the statement was re-prepared with other columns: name anew.
  const named = (values: unknown): Record<string, unknown> => {
    if ((values as unknown[]).length !== names.length) rename();
    return toObject(values);
  };
  return {
    reader: true,
    all: (parameters) => statement.all(...bind(parameters)).map(named),
    run: (parameters) => statement.run(...bind(parameters)),
    *iterate(parameters) {
      for (const values of statement.iterate(...bind(parameters))) yield named(values);
    },
  };
}

/**
 * Builds row objects for one statement's column names. The builder is generated once per
 * statement as an object literal, so every row is created with its final shape in one step;
 * filling an empty object name by name costs over 50 times as much (measured: ~3 µs against
 * ~0.05 µs for 33 columns). Names are SQLite's own column names, embedded as JSON string literals;
 * a repeated name keeps its last value, as node:sqlite's own objects do. A `__proto__` column,
 * which a literal would take as the prototype, and a process that forbids code generation
 * (`--disallow-code-generation-from-strings`) get the plain loop instead.
 */
export function rowBuilder(names: readonly string[]): (values: unknown) => Record<string, unknown> {
  if (!names.includes('__proto__')) {
    const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
    try {
      return new Function('v', `return { ${fields} };`) as (values: unknown) => Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
    }
  }
  return (values) => {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => Object.defineProperty(row, name, { value: (values as unknown[])[i], enumerable: true, writable: true, configurable: true }));
    return row;
  };
}
