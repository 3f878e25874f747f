import type { Counter, Histogram } from 'prom-client';
import type { SigilMetrics } from './sigil-metrics.ts';

/** What a route is, for metrics: decided once when the route is registered. */
export interface RouteIdentity {
  /** The rate-limit group, else `METHOD /path` (without the tenant prefix). */
  readonly group: string;
  /** The dialect serving the route, or `none` for Sigil's own routes. */
  readonly dialect: string;
  /** `METHOD /path` without the tenant prefix. */
  readonly route: string;
  /** Dialect routes count their outcomes (success or refusal code). */
  readonly ceremony: boolean;
}

/**
 * One route's instruments with their label values bound once, so a request costs a map lookup
 * by status, an increment and an observation; children for new statuses or codes are made on
 * first use and kept (both sets are small and closed).
 */
export class RouteRecorder {
  readonly identity: RouteIdentity;
  readonly #metrics: SigilMetrics;
  readonly #duration: Histogram.Internal<'group' | 'dialect'>;
  readonly #byStatus = new Map<number, Counter.Internal>();
  readonly #byOutcome = new Map<string, Counter.Internal>();
  #rateLimited: Counter.Internal | null = null;

  constructor(metrics: SigilMetrics, identity: RouteIdentity) {
    this.identity = identity;
    this.#metrics = metrics;
    this.#duration = metrics.requestDuration.labels(identity.group, identity.dialect);
  }

  /** A reply left: `refusal` is the error code the error handler rendered, if any. */
  answered(status: number, seconds: number, refusal: string | null): void {
    let counter = this.#byStatus.get(status);
    if (counter === undefined) {
      counter = this.#metrics.requests.labels(this.identity.group, this.identity.dialect, String(status));
      this.#byStatus.set(status, counter);
    }
    counter.inc();
    this.#duration.observe(seconds);
    if (this.identity.ceremony) this.#outcome(status < 400 ? 'success' : refusal ?? `http_${status}`).inc();
  }

  rateLimited(): void {
    this.#rateLimited ??= this.#metrics.rateLimitRefusals.labels(this.identity.group, this.identity.dialect);
    this.#rateLimited.inc();
  }

  #outcome(outcome: string): Counter.Internal {
    let counter = this.#byOutcome.get(outcome);
    if (counter === undefined) {
      counter = this.#metrics.ceremonyOutcomes.labels(this.identity.dialect, this.identity.route, outcome);
      this.#byOutcome.set(outcome, counter);
    }
    return counter;
  }
}
