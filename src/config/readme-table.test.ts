import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withConfigTable } from './render-config-table.ts';
import { SETTINGS } from './schema.ts';

test('the README configuration table is the one the schema renders', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.equal(readme, withConfigTable(readme), 'README.md is out of date: run `npm run docs:config`');
  for (const setting of Object.values(SETTINGS)) assert.ok(readme.includes(`| \`${setting.env}\` |`), `${setting.env} missing from README`);
});
