import { ERROR_MESSAGES } from '../../http/error-messages.ts';
import { buildErrorTable, type ErrorTable } from '../../http/error-table.ts';
import { SIGIL_STATUSES } from '../../http/sigil-errors.ts';

/**
 * The FIDO2 server transport binding's envelope: `{status: "failed", errorMessage}` with a
 * non-empty message on any 4xx/5xx. Statuses follow Sigil's own table.
 */
export const NATIVE_ERROR_TABLE: ErrorTable = buildErrorTable(SIGIL_STATUSES, (status) => status, (e) => ({ status: 'failed', errorMessage: ERROR_MESSAGES[e.code] }));

export const nativeOpaque500 = (): unknown => ({ status: 'failed', errorMessage: 'Internal server error.' });
