import type { ErrorCode } from '../../core/errors.ts';
import { LOGINID_ERRORS } from './errors.ts';

/**
 * LoginID's error table as the Markdown rows docs/dialects/loginid.md shows (a test compares
 * them): one row per (status, msgCode), in status order, with the Sigil codes it renders.
 */
export function renderLoginIdErrorTable(): string[] {
  const rows = new Map<string, { status: number; msgCode: string; codes: ErrorCode[] }>();
  for (const code of Object.keys(LOGINID_ERRORS) as ErrorCode[]) {
    const { status, msgCode } = LOGINID_ERRORS[code];
    const key = `${status} ${msgCode}`;
    const entry = rows.get(key) ?? { status, msgCode, codes: [] };
    entry.codes.push(code);
    rows.set(key, entry);
  }
  const lines = ['| HTTP | msgCode | Sigil error codes |', '| --- | --- | --- |'];
  for (const row of [...rows.values()].sort((a, b) => a.status - b.status)) {
    lines.push(`| ${row.status} | \`${row.msgCode}\` | ${row.codes.map((c) => `\`${c}\``).join(', ')} |`);
  }
  lines.push('| 500 | `internal_error` | (any unexpected failure; the body is always `{"msg": "Internal server error.", "msgCode": "internal_error"}`) |');
  return lines;
}
