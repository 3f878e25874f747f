import pg from 'pg';

export interface PostgresPoolOptions {
  readonly url: string;
  /** Schema to put first on each connection's search path (tests isolate themselves this way). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

const INT8_OID = 20;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * int8 (timestamps in ms, counters) arrives as text; within the safe-integer range it becomes a
 * number, and beyond it the query fails rather than silently losing precision.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError('int8 value outside the safe integer range');
  return value;
}

/** A pool whose type parsing is its own: pg's global parsers are left untouched. */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  if (options.schema !== undefined && !IDENTIFIER.test(options.schema)) {
    throw new Error('postgres schema must be a lower-case SQL identifier');
  }
  const getTypeParser: typeof pg.types.getTypeParser = (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format);
  return new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: { getTypeParser },
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
}
