import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../core/errors.ts';

/** How one dialect renders one error code. */
export interface ErrorRendering {
  readonly status: number;
  readonly body: (error: DomainError) => unknown;
}

/** Must name every code: the compiler finds the missing entry when a code is added. */
export type ErrorTable = { readonly [K in ErrorCode]: ErrorRendering };

/**
 * Turns whatever reached the error handler into a DomainError, or null when it is an internal
 * failure that must be rendered as an opaque 500. Fastify's own request errors (bad JSON, schema
 * validation, wrong content type, body too large) are the client's fault.
 */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const e = error as Partial<FastifyError> | null;
  if (!e || typeof e !== 'object') return null;
  if (e.validation) return new DomainError('invalid_request', { detail: e.message ?? 'schema validation failed' });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError('payload_too_large');
  if (typeof e.code === 'string' && e.code.startsWith('FST_ERR_CTP_')) return new DomainError('invalid_request', { detail: e.message ?? e.code });
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new DomainError(e.statusCode === 404 ? 'not_found' : 'invalid_request', { detail: e.message ?? String(e.code) });
  }
  return null;
}

/** Renders every error of an encapsulated plugin through `table`; internals never leave. */
export function installErrorHandler(app: FastifyInstance, table: ErrorTable, opaque500: () => unknown): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const domain = toDomainError(error);
    if (!domain) {
      request.log.error({ err: error }, 'internal error');
      return reply.code(500).type('application/json').send(opaque500());
    }
    const rendering = table[domain.code];
    const level = rendering.status >= 500 ? 'error' : 'info';
    request.log[level]({ code: domain.code, detail: domain.detail, status: rendering.status }, 'request refused');
    if (domain.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(domain.retryAfterSeconds))));
    return reply.code(rendering.status).type('application/json').send(rendering.body(domain));
  });
}

/**
 * The one way to build an error table: a row per code in the API's own terms (a status, a
 * `[status, sentence]` pair, a vendor code…), which must name every code, plus how a row gives
 * the HTTP status and how it renders the error's body.
 */
export function buildErrorTable<Row>(
  rows: { readonly [K in ErrorCode]: Row },
  statusOf: (row: Row) => number,
  bodyOf: (error: DomainError, row: Row) => unknown,
): ErrorTable {
  const table = {} as Record<ErrorCode, ErrorRendering>;
  for (const code of Object.keys(rows) as ErrorCode[]) {
    const row = rows[code];
    table[code] = { status: statusOf(row), body: (error) => bodyOf(error, row) };
  }
  return table;
}
