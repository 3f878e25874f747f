import assert from 'node:assert/strict';
import { isDomainError } from '../../core/errors.ts';
import type { ErrorCode } from '../../core/errors.ts';

function check(error: unknown, code: ErrorCode, detail?: RegExp): true {
  assert.ok(isDomainError(error), `expected a DomainError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, `detail: ${error.detail}`);
  if (detail !== undefined) assert.match(error.detail ?? '', detail);
  return true;
}

/** Asserts that `fn` throws a DomainError with exactly `code` (and a detail matching `detail`). */
export function assertDomainError(fn: () => unknown, code: ErrorCode, detail?: RegExp): void {
  assert.throws(fn, (error: unknown) => check(error, code, detail));
}

/** The same for a promise. */
export async function rejectsDomainError(promise: Promise<unknown>, code: ErrorCode, detail?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => check(error, code, detail));
}
