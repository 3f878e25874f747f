/** A unique index, named as PostgreSQL reports it and described as SQLite reports it. */
export interface UniqueIndex {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

interface DriverError {
  readonly code?: unknown;
  readonly constraint?: unknown;
  readonly errcode?: unknown;
  readonly message: string;
}

const PG_UNIQUE_VIOLATION = '23505';
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/**
 * Whether `error` is the violation of this particular unique index, so a repository can turn
 * exactly that conflict into a domain code and let every other failure (a duplicate primary key,
 * a lost connection) stay an ordinary error.
 */
export function isUniqueViolation(error: unknown, index: UniqueIndex): boolean {
  if (!(error instanceof Error)) return false;
  const e: DriverError = error;
  if (e.code === PG_UNIQUE_VIOLATION) return e.constraint === index.name;
  if (e.code === 'ERR_SQLITE_ERROR' && (e.errcode === SQLITE_CONSTRAINT_UNIQUE || e.errcode === SQLITE_CONSTRAINT_PRIMARYKEY)) {
    const columns = index.columns.map((column) => `${index.table}.${column}`).join(', ');
    return e.message === `UNIQUE constraint failed: ${columns}`;
  }
  return false;
}
