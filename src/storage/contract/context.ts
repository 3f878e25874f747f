import assert from 'node:assert/strict';
import { DomainError } from '../../core/errors.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Storage } from '../../core/ports.ts';
import type { Fixtures } from './fixtures.ts';

/** What each part of the contract gets: the store under test, raw SQL (when it has SQL), fixtures. */
export interface ContractContext {
  storage(): Storage;
  executeRaw(): ((statement: string) => Promise<unknown>) | undefined;
  readonly fixtures: Fixtures;
}

const LEAKED_SQL = /insert|select|update|constraint|unique|sqlite|relation|duplicate key/i;

/** Asserts a DomainError with exactly `code`, whose message and detail carry no SQL. */
export async function assertDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, code);
    assert.doesNotMatch(error.detail ?? '', LEAKED_SQL);
    return true;
  });
}
