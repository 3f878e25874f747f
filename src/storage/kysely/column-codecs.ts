/**
 * Portable column encodings shared by every table: the same text and integers work on SQLite
 * and PostgreSQL, so one set of row types and mappers serves both engines.
 */

/** Booleans are stored as 0/1 (`smallint`): node:sqlite binds no booleans, and one form is simpler. */
export function encodeFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function decodeFlag(value: number): boolean {
  return value === 1;
}

/** Binary values are stored as unpadded base64url text, which round-trips byte-exact. */
export function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export function decodeBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** JSON documents are stored as text; the mappers give the parsed value its domain type. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
