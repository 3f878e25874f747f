import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { DomainError } from '../../core/errors.ts';
import { databaseUnavailable, isConnectionFailure, isDatabaseUnavailable, PG_CLIENT_MESSAGES } from './postgres-unavailable.ts';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

/** The text of pg and pg-pool as installed: the mapped messages must still be theirs. */
function installedSource(): string {
  const require = createRequire(import.meta.url);
  const dirs = [join(dirname(require.resolve('pg')), ''), dirname(require.resolve('pg-pool'))];
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8'))).join('\n');
}

describe('which PostgreSQL failures mean "unavailable"', () => {
  const source = installedSource();
  for (const message of PG_CLIENT_MESSAGES) {
    it(`pg still says "${message}", and it is a connection failure`, () => {
      assert.ok(source.includes(message), `pg no longer has the message "${message}": update PG_CLIENT_MESSAGES`);
      assert.equal(isConnectionFailure(new Error(message)), true);
      assert.equal(isDatabaseUnavailable(new Error(message)), true);
    });
  }

  it('socket errors, connection-class and shutdown states are connection failures', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '08006', '08001', '57P01', '57P03']) {
      assert.equal(isConnectionFailure(withCode('x', code)), true, code);
    }
  });

  it('statement timeout and too many connections are unavailable, but the connection is kept', () => {
    for (const code of ['57014', '53300', '25P03']) {
      assert.equal(isDatabaseUnavailable(withCode('x', code)), true, code);
      assert.equal(isConnectionFailure(withCode('x', code)), false, code);
    }
  });

  it('a statement that is wrong is not unavailability', () => {
    for (const error of [withCode('duplicate key', '23505'), withCode('syntax', '42601'), new Error('anything else'), 'text', null]) {
      assert.equal(isDatabaseUnavailable(error), false);
    }
  });

  it('reports service_unavailable with Retry-After and the cause for the log only', () => {
    const cause = new Error('Query read timeout');
    const error = databaseUnavailable('statement failed', cause);
    assert.ok(error instanceof DomainError);
    assert.deepEqual([error.code, error.retryAfterSeconds, error.detail, error.cause], ['service_unavailable', 2, 'postgres statement failed: Query read timeout', cause]);
    assert.equal(error.message, 'service_unavailable');
  });
});
