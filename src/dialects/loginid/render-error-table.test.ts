import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { renderLoginIdErrorTable } from './render-error-table.ts';

it('docs/dialects/loginid.md shows the error table the dialect renders', () => {
  const doc = readFileSync(new URL('../../../docs/dialects/loginid.md', import.meta.url), 'utf8');
  assert.ok(doc.includes(`${renderLoginIdErrorTable().join('\n')}\n`), 'regenerate the table in docs/dialects/loginid.md from renderLoginIdErrorTable()');
});
