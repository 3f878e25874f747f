import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { SoftwareAuthenticator } from '../testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../testing/test-services.ts';
import type { SigilMetrics } from './sigil-metrics.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';
const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';

/** The value of one series of a counter or histogram (`_count` for histograms), 0 when absent. */
async function seriesValue(metric: { get(): Promise<{ values: readonly { labels: object; value: number }[] }> }, labels: Record<string, string>, name?: string): Promise<number> {
  const { values } = await metric.get();
  const match = values.find((v) => (name === undefined || (v as { metricName?: string }).metricName === name) && Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l) && Object.keys(v.labels).filter((k) => k !== 'le').length === Object.keys(labels).length);
  return match?.value ?? 0;
}

describe('metrics', () => {
  it('are off unless METRICS_TOKEN or METRICS_PORT is set: nothing is counted and /metrics is a 404', async () => {
    const s = await createTestServices();
    const app = await buildApp(s);
    assert.equal(s.metrics, null);
    assert.equal((await app.inject('/metrics')).statusCode, 404);
    await app.close();
    await s.dispose();
  });

  describe('with METRICS_TOKEN, on the public listener', () => {
    let s: TestServices;
    let app: FastifyInstance;
    let metrics: SigilMetrics;
    before(async () => {
      s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_ACCOUNT: '3' } });
      app = await buildApp(s);
      assert.ok(s.metrics);
      metrics = s.metrics;
    });
    after(async () => {
      await app.close();
      await s.dispose();
    });
    const post = async (url: string, body: object) => {
      const res = await app.inject({ method: 'POST', url, payload: body });
      return { status: res.statusCode, body: res.json() as Record<string, string> };
    };

    it('refuses a scrape without the token or with a wrong one, in Sigil\'s envelope', async () => {
      for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer ']) {
        const res = await app.inject({ url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
        assert.equal(res.statusCode, 401, String(authorization));
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"');
        assert.deepEqual(res.json(), { error: { code: 'unauthorized', message: 'A valid metrics token is required.' } });
      }
    });

    it('serves the Prometheus text format with process metrics to the token\'s holder', async () => {
      const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'no-store');
      for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'sigil_http_requests_total', 'sigil_ceremony_outcomes_total']) assert.match(res.body, new RegExp(`^# TYPE ${name} `, 'm'));
    });

    it('counts a registration and a login: requests, latency, successes, challenges issued and taken', async () => {
      const authenticator = new SoftwareAuthenticator({ seed: 'metrics-alice' });
      const options = await post('/attestation/options', { username: 'metrics-alice' });
      const reg = await post('/attestation/result', { ...authenticator.register({ challenge: options.body.challenge ?? '', rpId: RP_ID, origin: ORIGIN }), session: options.body.session });
      assert.equal(reg.status, 200, JSON.stringify(reg.body));
      const login = await post('/t/default/assertion/options', { username: 'metrics-alice' });
      const result = await post('/t/default/assertion/result', { ...authenticator.authenticate({ challenge: login.body.challenge ?? '', rpId: RP_ID, origin: ORIGIN }), session: login.body.session });
      assert.equal(result.status, 200, JSON.stringify(result.body));

      assert.equal(await seriesValue(metrics.requests, { group: 'passkey-registration', dialect: 'native', status: '200' }), 2);
      assert.equal(await seriesValue(metrics.requests, { group: 'passkey-login', dialect: 'native', status: '200' }), 2, 'under /t/<slug> too, with the same labels');
      assert.equal(await seriesValue(metrics.requestDuration, { group: 'passkey-login', dialect: 'native' }, 'sigil_http_request_duration_seconds_count'), 2);
      for (const route of ['POST /attestation/options', 'POST /attestation/result', 'POST /assertion/options', 'POST /assertion/result']) {
        assert.equal(await seriesValue(metrics.ceremonyOutcomes, { dialect: 'native', route, outcome: 'success' }), 1, route);
      }
      assert.equal(await seriesValue(metrics.challengesIssued, {}), 2);
      assert.equal(await seriesValue(metrics.challengesConsumed, { result: 'taken' }), 2);
    });

    it('counts each refusal by its code, rate-limit refusals apart, and a dialect the tenant has not enabled as not_found', async () => {
      const replay = await post('/assertion/result', { id: 'x', session: 'no-such-session-0123456789' });
      assert.equal(replay.status, 400);
      assert.equal(await seriesValue(metrics.ceremonyOutcomes, { dialect: 'native', route: 'POST /assertion/result', outcome: 'challenge_not_found' }), 1);
      assert.equal(await seriesValue(metrics.challengesConsumed, { result: 'missing' }), 1);
      assert.equal(await seriesValue(metrics.requests, { group: 'passkey-login', dialect: 'native', status: '400' }), 1);

      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post('/assertion/options', { username: 'hammered' })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal(await seriesValue(metrics.rateLimitRefusals, { group: 'passkey-login', dialect: 'native' }), 1);
      assert.equal(await seriesValue(metrics.ceremonyOutcomes, { dialect: 'native', route: 'POST /assertion/options', outcome: 'rate_limited' }), 1);

      assert.equal((await post('/verify', {})).status, 404);
      assert.equal(await seriesValue(metrics.ceremonyOutcomes, { dialect: 'biokey', route: 'POST /verify', outcome: 'not_found' }), 1);
      assert.equal((await app.inject('/no/such/route')).statusCode, 404);
      assert.equal(await seriesValue(metrics.requests, { group: 'unmatched', dialect: 'none', status: '404' }), 1);
      assert.equal(await seriesValue(metrics.requests, { group: 'GET /health', dialect: 'none', status: '200' }), 0);
      await app.inject('/health');
      assert.equal(await seriesValue(metrics.requests, { group: 'GET /health', dialect: 'none', status: '200' }), 1);
    });
  });
});
