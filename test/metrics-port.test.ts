import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/load.ts';
import { findFreePort } from './browser/support/page-server.ts';
import { startServer, type RunningServer } from './support/start-server.ts';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';

describe('METRICS_PORT: /metrics on a listener of its own, off the public one', () => {
  let server: RunningServer;
  let metricsUrl: string;
  before(async () => {
    const port = await findFreePort();
    metricsUrl = `http://127.0.0.1:${port}`;
    server = await startServer({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
  });
  after(async () => {
    assert.equal(await server?.stop(), 0, 'both listeners close on SIGTERM');
  });

  it('serves metrics there (with the token when one is set) and nothing else; the public listener has no /metrics', async () => {
    await fetch(`${server.url}/assertion/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"metrics-port"}' });
    assert.equal((await fetch(`${metricsUrl}/metrics`)).status, 401);
    const scrape = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(scrape.status, 200);
    assert.match(await scrape.text(), /^sigil_ceremony_outcomes_total\{dialect="native",route="POST \/assertion\/options",outcome="success"\} 1$/m);
    assert.equal((await fetch(`${metricsUrl}/health`)).status, 404);
    assert.equal((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404);
    assert.match(server.output(), /"msg":"metrics listening"/);
  });
});

describe('metrics settings', () => {
  const problems = (env: Record<string, string>): readonly string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems;
    }
  };
  it('are off by default, and refuse a short token or a port that is PORT', () => {
    const defaults = loadConfig({});
    assert.deepEqual([defaults.metricsToken, defaults.metricsPort], [null, null]);
    assert.deepEqual([loadConfig({ METRICS_PORT: '9464' }).metricsPort, loadConfig({ METRICS_PORT: '0', PORT: '0' }).metricsPort], [9464, 0]);
    assert.deepEqual(problems({ METRICS_TOKEN: 'short' }), ['METRICS_TOKEN: must be at least 32 characters without spaces (generate one with `openssl rand -base64 32`)']);
    assert.deepEqual(problems({ METRICS_PORT: '8080' }), ['METRICS_PORT: must differ from PORT']);
    assert.deepEqual(problems({ PORT: '9000', METRICS_PORT: '9000' }), ['METRICS_PORT: must differ from PORT']);
    assert.deepEqual(problems({ METRICS_PORT: '70000' }), ['METRICS_PORT: must be a TCP port from 0 to 65535 (got "70000")']);
  });
});
