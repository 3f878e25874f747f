// Rewrites the configuration table in README.md from src/config/schema.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable } from '../src/config/render-config-table.ts';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withConfigTable(readFileSync(path, 'utf8')));
process.stdout.write('README.md configuration table updated.\n');
