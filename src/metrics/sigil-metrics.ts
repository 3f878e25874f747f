import { collectDefaultMetrics, Counter, type Metric, Registry } from 'prom-client';
import { LatencyHistogram } from './latency-histogram.ts';
import type { RouteRecorder } from './route-recorder.ts';

/** Plain counts the ephemeral store's wrapper adds to on the login path, read at scrape time. */
export interface ChallengeTally {
  issued: number;
  taken: number;
  missing: number;
}

/**
 * Sigil's Prometheus instruments, on a registry of their own (never prom-client's global one):
 * made once by `compose()` and passed to whatever records into them. What a login touches is a
 * plain tally (route recorders, challenge counts) that the collectors read when scraped; rare
 * events (store failures, rate-limit refusals) go to prom-client counters directly.
 */
export interface SigilMetrics {
  readonly registry: Registry;
  /** Every route's recorder, made when the route is registered (install-http-metrics.ts). */
  readonly routes: Set<RouteRecorder>;
  readonly challenges: ChallengeTally;
  /** Requests by route group, dialect (`none` for Sigil's own routes) and HTTP status. */
  readonly requests: Counter<'group' | 'dialect' | 'status'>;
  /** Time from the request's arrival to the reply's last byte, by route group and dialect. */
  readonly requestDuration: LatencyHistogram;
  /** Every answer of a dialect route: `success`, or the refusal's error code. */
  readonly ceremonyOutcomes: Counter<'dialect' | 'route' | 'outcome'>;
  readonly challengesIssued: Counter;
  /** Challenges taken by a result step: `taken` (it existed) or `missing` (unknown, used or expired). */
  readonly challengesConsumed: Counter<'result'>;
  /** Failures of the durable (`storage`) or ephemeral (`ephemeral`) store, by operation. */
  readonly storeErrors: Counter<'store' | 'operation'>;
  readonly rateLimitRefusals: Counter<'group' | 'dialect'>;
}

export function createSigilMetrics(): SigilMetrics {
  const registry = new Registry();
  const registers = [registry];
  const routes = new Set<RouteRecorder>();
  const challenges: ChallengeTally = { issued: 0, taken: 0, missing: 0 };
  collectDefaultMetrics({ register: registry });
  const requestDuration = new LatencyHistogram(routes);
  const metrics: SigilMetrics = {
    registry,
    routes,
    challenges,
    requests: new Counter({
      name: 'sigil_http_requests_total',
      help: 'HTTP requests answered, by route group, dialect and status.',
      labelNames: ['group', 'dialect', 'status'],
      registers,
      collect() {
        this.reset();
        for (const r of routes) for (const [status, n] of r.byStatus) this.labels(r.identity.group, r.identity.dialect, String(status)).inc(n);
      },
    }),
    requestDuration,
    ceremonyOutcomes: new Counter({
      name: 'sigil_ceremony_outcomes_total',
      help: 'Answers of dialect routes: success, or the refusal code.',
      labelNames: ['dialect', 'route', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const r of routes) for (const [outcome, n] of r.byOutcome) this.labels(r.identity.dialect, r.identity.route, outcome).inc(n);
      },
    }),
    challengesIssued: new Counter({
      name: 'sigil_challenges_issued_total',
      help: 'Challenges issued (every ceremony and dialect).',
      registers,
      collect() {
        this.reset();
        this.inc(challenges.issued);
      },
    }),
    challengesConsumed: new Counter({
      name: 'sigil_challenges_consumed_total',
      help: 'Challenge takes: taken, or missing (unknown, already used or purged).',
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        this.labels('taken').inc(challenges.taken);
        this.labels('missing').inc(challenges.missing);
      },
    }),
    storeErrors: new Counter({ name: 'sigil_store_errors_total', help: 'Failed calls to the durable or ephemeral store.', labelNames: ['store', 'operation'], registers }),
    rateLimitRefusals: new Counter({ name: 'sigil_rate_limit_refusals_total', help: 'Requests refused by a rate limit, by route group and dialect.', labelNames: ['group', 'dialect'], registers }),
  };
  registry.registerMetric(requestDuration as unknown as Metric);
  return metrics;
}
