import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../core/errors.ts';
import { DUO_ERRORS } from './errors.ts';
import { renderDuoErrorTable } from './render-error-table.ts';

const DOC = new URL('../../../docs/dialects/duo.md', import.meta.url);

describe("Duo's error table", () => {
  it('gives every Sigil error code a 6-digit code of the 1-area-detail scheme', () => {
    for (const code of ERROR_CODES) {
      const row = DUO_ERRORS[code];
      assert.match(String(row.code), /^1(00|01|02|03|07)\d{3}$/, code);
      assert.ok(row.status >= 400 && row.status < 600);
    }
    assert.deepEqual([DUO_ERRORS.unauthorized.code, DUO_ERRORS.keyshare_not_found.code, DUO_ERRORS.face_verification_required.code], [100101, 100301, 100702]);
    assert.equal(DUO_ERRORS.face_verification_required.status, 403);
  });

  it('is documented, row for row, in docs/dialects/duo.md', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf('<!-- duo-error-table:start -->');
    const end = doc.indexOf('<!-- duo-error-table:end -->');
    assert.ok(start >= 0 && end > start, 'the doc marks its table');
    const documented = doc.slice(start, end).split('\n').filter((line) => line.startsWith('|'));
    assert.deepEqual(documented, renderDuoErrorTable());
  });
});
