import { LATENCY_BUCKETS, type RouteRecorder } from './route-recorder.ts';

const NAME = 'sigil_http_request_duration_seconds';

/** One line of the exposition: what prom-client's registry formats. */
export interface SeriesValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

/**
 * The request-latency histogram, by route group and dialect, built at scrape time from the
 * recorders' bucket tallies (several routes share a group: their tallies add up). It has the
 * shape prom-client's registry asks of a metric (`name`, `help`, `type`, `get()`), so it is
 * exposed with the others.
 */
export class LatencyHistogram {
  readonly name = NAME;
  readonly help = 'HTTP request latency in seconds, by route group and dialect.';
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #recorders: ReadonlySet<RouteRecorder>;

  constructor(recorders: ReadonlySet<RouteRecorder>) {
    this.#recorders = recorders;
  }

  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: SeriesValue[] }> {
    const series = new Map<string, { group: string; dialect: string; buckets: number[]; sum: number }>();
    for (const recorder of this.#recorders) {
      const { group, dialect } = recorder.identity;
      const key = `${group}\u0000${dialect}`;
      let s = series.get(key);
      if (s === undefined) series.set(key, (s = { group, dialect, buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sum: 0 }));
      recorder.buckets.forEach((n, i) => (s.buckets[i] = (s.buckets[i] ?? 0) + n));
      s.sum += recorder.sum;
    }
    const values: SeriesValue[] = [];
    for (const { group, dialect, buckets, sum } of series.values()) {
      const count = buckets.reduce((a, b) => a + b, 0);
      if (count === 0) continue;
      let cumulative = 0;
      buckets.forEach((n, i) => {
        cumulative += n;
        values.push({ metricName: `${NAME}_bucket`, labels: { le: LATENCY_BUCKETS[i] ?? '+Inf', group, dialect }, value: cumulative });
      });
      values.push({ metricName: `${NAME}_sum`, labels: { group, dialect }, value: sum });
      values.push({ metricName: `${NAME}_count`, labels: { group, dialect }, value: count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
