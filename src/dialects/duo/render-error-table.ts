import type { ErrorCode } from '../../core/errors.ts';
import { DUO_ERRORS, DUO_INTERNAL_ERROR } from './errors.ts';

/**
 * Duo's error table as the Markdown rows docs/dialects/duo.md shows (a test compares them), one
 * row per 6-digit code, in code order, with the Sigil codes it renders.
 */
export function renderDuoErrorTable(): string[] {
  const rows = new Map<number, { status: number; message: string; codes: ErrorCode[] }>();
  for (const code of Object.keys(DUO_ERRORS) as ErrorCode[]) {
    const row = DUO_ERRORS[code];
    const entry = rows.get(row.code) ?? { status: row.status, message: row.message, codes: [] };
    entry.codes.push(code);
    rows.set(row.code, entry);
  }
  const lines = ['| code | HTTP | message | Sigil error codes |', '| --- | --- | --- | --- |'];
  lines.push(`| ${DUO_INTERNAL_ERROR.code} | ${DUO_INTERNAL_ERROR.status} | ${DUO_INTERNAL_ERROR.message} | (any unexpected failure) |`);
  for (const [code, row] of [...rows].sort(([a], [b]) => a - b)) {
    lines.push(`| ${code} | ${row.status} | ${row.message} | ${row.codes.map((c) => `\`${c}\``).join(', ')} |`);
  }
  return lines;
}
