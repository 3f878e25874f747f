import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyHistogram } from './latency-histogram.ts';
import { RouteRecorder } from './route-recorder.ts';

describe('request tallies read at scrape time', () => {
  it('add up the routes of one group into cumulative buckets, a sum and a count, and leave out idle series', async () => {
    const options = new RouteRecorder({ group: 'passkey-login', dialect: 'native', route: 'POST /assertion/options', ceremony: true });
    const result = new RouteRecorder({ group: 'passkey-login', dialect: 'native', route: 'POST /assertion/result', ceremony: true });
    const idle = new RouteRecorder({ group: 'GET /health', dialect: 'none', route: 'GET /health', ceremony: false });
    options.answered(200, 0.0005, null);
    options.answered(200, 0.001, null);
    result.answered(400, 0.0195, 'signature_invalid');
    result.answered(500, 9, null); // sum 9.021: 0.0005 + 0.001 + 0.0195 + 9
    assert.deepEqual([...result.byOutcome], [['signature_invalid', 1], ['http_500', 1]]);
    assert.deepEqual([...options.byStatus], [[200, 2]]);

    const { values } = await new LatencyHistogram(new Set([options, result, idle])).get();
    const line = (v: (typeof values)[number]) => `${v.metricName}{${Object.entries(v.labels).map(([k, l]) => `${k}=${l}`).join(',')}} ${v.value}`;
    assert.deepEqual(values.map(line), [
      'sigil_http_request_duration_seconds_bucket{le=0.001,group=passkey-login,dialect=native} 2',
      'sigil_http_request_duration_seconds_bucket{le=0.0025,group=passkey-login,dialect=native} 2',
      'sigil_http_request_duration_seconds_bucket{le=0.005,group=passkey-login,dialect=native} 2',
      'sigil_http_request_duration_seconds_bucket{le=0.01,group=passkey-login,dialect=native} 2',
      'sigil_http_request_duration_seconds_bucket{le=0.025,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=0.05,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=0.1,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=0.25,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=0.5,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=1,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=2.5,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=5,group=passkey-login,dialect=native} 3',
      'sigil_http_request_duration_seconds_bucket{le=+Inf,group=passkey-login,dialect=native} 4',
      'sigil_http_request_duration_seconds_sum{group=passkey-login,dialect=native} 9.021',
      'sigil_http_request_duration_seconds_count{group=passkey-login,dialect=native} 4',
    ]);
  });
});
