import { SETTINGS } from './schema.ts';

export const TABLE_START = '<!-- config-table:start (generated from src/config/schema.ts by `npm run docs:config`) -->';
export const TABLE_END = '<!-- config-table:end -->';

/** The README's configuration table, rendered from the schema so the two cannot drift. */
export function renderConfigTable(): string {
  const rows = Object.values(SETTINGS).map((s) => `| \`${s.env}\` | ${s.shownDefault} | ${s.description.replaceAll('|', '\\|')} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the table between the markers of a README text. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README has no configuration table markers');
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}
