import { buildErrorTable, type ErrorTable } from '../http/error-table.ts';
import { ERROR_MESSAGES } from '../http/error-messages.ts';
import { SIGIL_STATUSES } from '../http/sigil-errors.ts';

/**
 * Codes whose detail the management API sends as the message: input problems and missing
 * rights, said to an operator whose key has already been checked (a route's guard runs before its
 * schema). Every other detail stays in the log, as in Sigil's public APIs.
 */
const EXPLAINED = new Set<string>(['invalid_request', 'forbidden']);

/** Sigil's envelope `{"error": {"code", "message"}}` with the message made precise where it helps the operator. */
export const ADMIN_ERROR_TABLE: ErrorTable = buildErrorTable(
  SIGIL_STATUSES,
  (status) => status,
  (e) => ({ error: { code: e.code, message: EXPLAINED.has(e.code) && e.detail !== undefined ? e.detail : ERROR_MESSAGES[e.code] } }),
);
