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

/** Upper bounds of the latency buckets, in seconds: a login step takes milliseconds; seconds mean trouble. */
export const LATENCY_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * One route's tallies, plain numbers a request adds to: a map update by status, one bucket, one
 * sum, and for a dialect route a map update by outcome — no label object, no string built, no
 * library call per request. The registry's collectors read every recorder at scrape time
 * (sigil-metrics.ts), when Prometheus asks, which is seconds apart rather than per request.
 */
export class RouteRecorder {
  readonly identity: RouteIdentity;
  readonly byStatus = new Map<number, number>();
  readonly byOutcome = new Map<string, number>();
  /** Per bucket (not cumulative), the last one for +Inf. */
  readonly buckets = new Float64Array(LATENCY_BUCKETS.length + 1);
  sum = 0;
  rateLimited = 0;

  constructor(identity: RouteIdentity) {
    this.identity = identity;
  }

  /** A reply left: `refusal` is the error code the error handler rendered, if any. */
  answered(status: number, seconds: number, refusal: string | null): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > (LATENCY_BUCKETS[bucket] as number)) bucket++;
    this.buckets[bucket] = (this.buckets[bucket] as number) + 1;
    this.sum += seconds;
    if (this.identity.ceremony) {
      const outcome = status < 400 ? 'success' : refusal ?? `http_${status}`;
      this.byOutcome.set(outcome, (this.byOutcome.get(outcome) ?? 0) + 1);
    }
  }
}
