import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { nodeEd25519 } from '../../src/dialects/biokey/biokey-harness.ts';
import type { RunningServer } from '../support/start-server.ts';
import { PasskeyUser } from './support/passkey-user.ts';
import { createRunSchema, deleteRedisKeys, describeWithServices, endpointOf, runName, viaPort, type RunSchema } from './support/services.ts';
import { call, eventually, startSigil, type Reply } from './support/sigil.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

/** What a native-API client sees when a dependency fails: 503 in its envelope, told when to retry. */
const NATIVE_UNAVAILABLE = { status: 'failed', errorMessage: 'A dependency is unavailable; retry later.' };
/** Generous bounds for a 2-core machine: 1 s to connect, 1 s (+0.25) per statement, 1 s per Redis call. */
const DATABASE_BOUND_MS = 4000;
const REDIS_BOUND_MS = 3000;

const unavailable = (r: Reply, retryAfter: string): void => {
  assert.deepEqual({ status: r.status, body: r.body, retryAfter: r.retryAfter }, { status: 503, body: NATIVE_UNAVAILABLE, retryAfter });
};

describeWithServices('a node whose PostgreSQL and Redis fail under it (TCP proxies: pass, reset, stall)', ({ databaseUrl, redisUrl }) => {
  let db: RunSchema;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let server: RunningServer;
  /** Undone newest first, so a failed start leaves nothing behind (no process, schema or keys). */
  const cleanup: (() => Promise<void>)[] = [];
  const prefix = `${runName('faults')}:`;
  const alice = new PasskeyUser(`alice-${randomBytes(3).toString('hex')}`);

  before(async () => {
    cleanup.push(() => deleteRedisKeys(redisUrl, prefix));
    db = await createRunSchema(databaseUrl, 'faults');
    cleanup.push(() => db.drop());
    pgProxy = await startTcpProxy(endpointOf(databaseUrl, 5432));
    cleanup.push(() => pgProxy.close());
    redisProxy = await startTcpProxy(endpointOf(redisUrl, 6379));
    cleanup.push(() => redisProxy.close());
    server = await startSigil({
      DATABASE_URL: db.urlVia(viaPort(databaseUrl, pgProxy.port)),
      REDIS_URL: viaPort(redisUrl, redisProxy.port),
      REDIS_KEY_PREFIX: prefix,
      DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
      DATABASE_STATEMENT_TIMEOUT_SECONDS: '1',
      DATABASE_POOL_SIZE: '2',
      DATABASE_POOL_QUEUE: '4',
      RATE_LIMIT_ENABLED: 'false',
    });
    cleanup.push(async () => {
      pgProxy.setMode('pass');
      redisProxy.setMode('pass');
      assert.equal(await server.stop(), 0, 'the node stops cleanly after every fault');
      assert.doesNotMatch(server.output(), /Unhandled|uncaught/i);
    });
    assert.equal((await alice.signUp(server.url)).status, 200);
  });

  after(async () => {
    const failures: unknown[] = [];
    for (let step = cleanup.pop(); step !== undefined; step = cleanup.pop()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  });

  const ready = async (): Promise<boolean> => (await call(server.url, 'GET', '/ready')).status === 200;
  const alive = (): void => assert.equal(server.process.exitCode, null, `the process is still running:\n${server.output().slice(-2000)}`);

  it('PostgreSQL resets every connection and refuses new ones: 503 within the bound, /ready says storage, then it recovers by itself', async () => {
    pgProxy.setMode('reset');
    const refused = await alice.login(server.url);
    unavailable(refused, '2');
    assert.ok(refused.ms < DATABASE_BOUND_MS, `answered in ${refused.ms} ms`);
    const readiness = await call(server.url, 'GET', '/ready');
    assert.deepEqual([readiness.status, readiness.body.failing], [503, ['storage']]);
    assert.equal((await call(server.url, 'GET', '/health')).status, 200);
    await eventually('the log says why storage is not ready', async () => /"dependency":"storage","problem":"postgres connect failed/.test(server.output()), 3000);
    pgProxy.setMode('pass');
    await eventually('/ready is 200 again', ready);
    assert.equal((await alice.login(server.url)).status, 200);
    alive();
  });

  it('survives pg_terminate_backend of every connection it holds: the next requests succeed', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await alice.login(server.url)).status, 200);
    const killed = await db.admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [db.schema]);
    assert.ok((killed.rowCount ?? 0) >= 1, 'the node held connections to terminate');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await call(server.url, 'GET', '/health')).status, 200);
    alive();
    const after = [await alice.login(server.url), await alice.login(server.url)];
    assert.deepEqual(after.map((r) => r.status), [200, 200]);
    await eventually('the lost connections are logged', async () => /postgres: idle connection failed; it will be replaced/.test(server.output()), 3000);
  });

  it('PostgreSQL stalls: a write of unknown outcome fails within the bound, is safe to retry, and a flood is refused fast', async () => {
    const pending = await alice.prepareLogin(server.url);
    assert.ok(pending.result);
    pgProxy.setMode('stall');
    const unknown = await call(server.url, 'POST', '/assertion/result', pending.result);
    unavailable(unknown, '2');
    assert.ok(unknown.ms < DATABASE_BOUND_MS, `answered in ${unknown.ms} ms`);
    // BioKey's envelope for the same failure.
    const challenge = (await call(server.url, 'GET', '/challenge')).body.challenge as string;
    const device = nodeEd25519();
    const bioKey = await call(server.url, 'POST', '/verify', { userId: alice.username, challenge, signature: device.sign(Buffer.from(challenge, 'hex')) });
    assert.deepEqual([bioKey.status, bioKey.body, bioKey.retryAfter], [503, { error: 'Service unavailable' }, '2']);
    // Twenty at once against a pool of 2 and a queue of 4: every one refused, none waits long.
    const flood = await Promise.all(Array.from({ length: 20 }, () => alice.login(server.url)));
    assert.deepEqual([...new Set(flood.map((r) => r.status))], [503]);
    assert.ok(Math.max(...flood.map((r) => r.ms)) < DATABASE_BOUND_MS * 2, `slowest: ${Math.max(...flood.map((r) => r.ms))} ms`);
    await eventually('requests past the wait queue were refused at once', async () => /postgres wait queue full \(4 waiting\)/.test(server.output()), 3000);
    assert.equal((await call(server.url, 'GET', '/ready')).status, 503);
    pgProxy.setMode('pass');
    await eventually('/ready is 200 again', ready);
    // The challenge was consumed before the write: a retry of the same answer is refused, never a double login.
    const retried = await call(server.url, 'POST', '/assertion/result', pending.result);
    assert.equal(retried.status, 400, JSON.stringify(retried.body));
    assert.equal((await alice.login(server.url)).status, 200);
    alive();
  });

  it('Redis resets, then stalls: 503 fast with Retry-After, /ready says ephemeral, and service resumes', async () => {
    for (const mode of ['reset', 'stall'] as const) {
      redisProxy.setMode(mode);
      const refused = await alice.login(server.url);
      unavailable(refused, '1');
      assert.ok(refused.ms < REDIS_BOUND_MS, `${mode}: answered in ${refused.ms} ms`);
      const readiness = await call(server.url, 'GET', '/ready');
      assert.deepEqual([readiness.status, readiness.body.failing], [503, ['ephemeral']]);
      redisProxy.setMode('pass');
      await eventually(`/ready is 200 again after ${mode}`, ready);
      assert.equal((await alice.login(server.url)).status, 200);
    }
    alive();
  });
});
