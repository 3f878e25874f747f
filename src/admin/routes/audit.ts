import type { FastifyInstance } from 'fastify';
import type { AuditOutcome } from '../../core/audit-event.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { refusals } from '../schemas.ts';

interface AuditQuery {
  limit?: number;
  before?: number;
  after?: string;
  action?: string;
  subject?: string;
  actor?: string;
  outcome?: AuditOutcome;
  since?: string;
  until?: string;
}

const text = { type: 'string', minLength: 1, maxLength: 256 } as const;

/**
 * The tenant's audit log, newest first. Pages continue with `after`, the `nextCursor` of the
 * previous page: the last event's time and id, so events that share a millisecond are neither
 * skipped nor repeated. Filters match exactly; `since` (inclusive) and `until` (exclusive) are
 * ISO 8601 instants.
 */
export async function auditRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core } = services;
  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      ...guard(core, 'audit:read'),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            before: { type: 'integer', minimum: 0 },
            after: { type: 'string', pattern: AUDIT_CURSOR.source },
            action: text,
            subject: text,
            actor: text,
            outcome: { enum: ['success', 'failure'] },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
          },
        },
        response: refusals,
      },
    },
    async (request) => {
      const { limit = 100, before, after, since, until, ...filters } = request.query;
      const events = await core.storage.audit.list(principalOf(request).tenant.id, {
        limit,
        ...filters,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after: parseAuditCursor(after) }),
        ...(since === undefined ? {} : { since: Date.parse(since) }),
        ...(until === undefined ? {} : { until: Date.parse(until) }),
      });
      const last = events.length === limit ? events[events.length - 1] : undefined;
      return { events, nextCursor: last === undefined ? null : `${last.at}.${last.id}` };
    },
  );
}

/** `<at>.<id>`: a page's last event, as `nextCursor` gives it. */
const AUDIT_CURSOR = /^([0-9]{1,15})\.([0-9A-Za-z-]{1,64})$/;

function parseAuditCursor(text: string): { at: number; id: string } {
  const [, at, id] = AUDIT_CURSOR.exec(text) ?? [];
  // The schema has checked the pattern already; this is the type's proof of it.
  if (at === undefined || id === undefined) throw new RangeError('audit cursor not checked by the schema');
  return { at: Number(at), id };
}
