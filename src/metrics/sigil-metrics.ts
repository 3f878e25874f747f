import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Sigil's Prometheus instruments, on a registry of their own (never prom-client's global one):
 * made once by `compose()` and passed to whatever records into them.
 */
export interface SigilMetrics {
  readonly registry: Registry;
  /** Requests by route group, dialect (`none` for Sigil's own routes) and HTTP status. */
  readonly requests: Counter<'group' | 'dialect' | 'status'>;
  /** Time from the request's arrival to the reply's last byte, by route group and dialect. */
  readonly requestDuration: Histogram<'group' | 'dialect'>;
  /** Every answer of a dialect route: `success`, or the refusal's error code. */
  readonly ceremonyOutcomes: Counter<'dialect' | 'route' | 'outcome'>;
  readonly challengesIssued: Counter;
  /** Challenges taken by a result step: `taken` (it existed) or `missing` (unknown, used or expired). */
  readonly challengesConsumed: Counter<'result'>;
  /** Failures of the durable (`storage`) or ephemeral (`ephemeral`) store, by operation. */
  readonly storeErrors: Counter<'store' | 'operation'>;
  readonly rateLimitRefusals: Counter<'group' | 'dialect'>;
}

/** Buckets for a login step: a few milliseconds normally, seconds when something is wrong. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createSigilMetrics(): SigilMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({ name: 'sigil_http_requests_total', help: 'HTTP requests answered, by route group, dialect and status.', labelNames: ['group', 'dialect', 'status'], registers }),
    requestDuration: new Histogram({
      name: 'sigil_http_request_duration_seconds',
      help: 'HTTP request latency in seconds, by route group and dialect.',
      labelNames: ['group', 'dialect'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    ceremonyOutcomes: new Counter({
      name: 'sigil_ceremony_outcomes_total',
      help: 'Answers of dialect routes: success, or the refusal code.',
      labelNames: ['dialect', 'route', 'outcome'],
      registers,
    }),
    challengesIssued: new Counter({ name: 'sigil_challenges_issued_total', help: 'Challenges issued (every ceremony and dialect).', registers }),
    challengesConsumed: new Counter({ name: 'sigil_challenges_consumed_total', help: 'Challenge takes: taken, or missing (unknown, already used or purged).', labelNames: ['result'], registers }),
    storeErrors: new Counter({ name: 'sigil_store_errors_total', help: 'Failed calls to the durable or ephemeral store.', labelNames: ['store', 'operation'], registers }),
    rateLimitRefusals: new Counter({ name: 'sigil_rate_limit_refusals_total', help: 'Requests refused by a rate limit, by route group and dialect.', labelNames: ['group', 'dialect'], registers }),
  };
}
