import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { APPKEY_MESSAGES } from './errors.ts';

it('docs/dialects/appkey.md lists every AppKey code Sigil can answer, with its message', () => {
  const doc = readFileSync(new URL('../../../docs/dialects/appkey.md', import.meta.url), 'utf8');
  const rows = doc.slice(doc.indexOf('## Errors')).split('\n').filter((line) => /^\| \d/.test(line));
  for (const [code, message] of Object.entries(APPKEY_MESSAGES)) {
    const row = rows.find((r) => (r.split('|')[1] ?? '').split('/').map((c) => c.trim()).includes(code));
    assert.ok(row, `code ${code} has no row`);
    const messages = (row.split('|')[2] ?? '').split('/').map((m) => m.trim().toLowerCase());
    const shown = messages.length === 1 ? messages[0] : messages.map((m) => m.split(' ')[0]);
    assert.ok(Array.isArray(shown) ? shown.includes(message.toLowerCase().split(' ')[0] as string) : shown === message.toLowerCase(), `code ${code}: ${row}`);
  }
});
