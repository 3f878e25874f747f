import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createLogger } from '../logger.ts';
import { countEphemeralCalls } from '../testing/counting-ephemeral-store.ts';
import { createTestServices } from '../testing/test-services.ts';
import { buildApp } from './app.ts';

describe('rate limits and a full ephemeral store', () => {
  it('counts requests that authentication refuses before any route runs', async () => {
    const s = await createTestServices({ env: { RATE_LIMIT_PER_IP: '3', DIALECTS: 'swapbits,duo', DUO_HOOK_SECRET: 'the-hook-secret-of-the-node' } });
    const app = await buildApp(s);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({ method: 'POST', url: '/hooks/dkg-setup-validation', remoteAddress: '10.1.1.1', headers: { authorization: `Bearer wrong-secret-${i}` }, payload: {} });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      const bearer = [];
      for (let i = 0; i < 5; i++) bearer.push((await app.inject({ url: '/auth/biometry/devices', remoteAddress: '10.1.1.2', headers: { authorization: 'Bearer a.b.c' } })).statusCode);
      assert.deepEqual(bearer, [401, 401, 401, 429, 429]);
    } finally {
      await app.close();
      await s.dispose();
    }
  });

  it("behind a listed proxy, limits the address the proxy saw, whatever the client wrote before it", async () => {
    const s = await createTestServices({ env: { RATE_LIMIT_PER_IP: '3', TRUST_PROXY: '10.0.0.1' } });
    const app = await buildApp(s);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({ url: '/.well-known/jwks.json', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` } });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const direct = await app.inject({ url: '/.well-known/jwks.json', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '198.51.100.7' } });
      assert.equal(direct.statusCode, 200, 'a client that is not the proxy cannot borrow an address');
    } finally {
      await app.close();
      await s.dispose();
    }
  });

  it('keeps the JWKS and the rate limiter working when challenges fill the memory store', async () => {
    const s = await createTestServices({ env: { EPHEMERAL_MAX_ENTRIES: '100' } });
    const app = await buildApp(s);
    try {
      const options = (ip: string) => app.inject({ method: 'POST', url: '/assertion/options', remoteAddress: ip, payload: {} });
      for (let i = 0; i < 100; i++) assert.equal((await options(`10.2.0.${i}`)).statusCode, 200);
      const full = await options('10.3.0.1');
      assert.deepEqual([full.statusCode, full.json()], [503, { status: 'failed', errorMessage: 'The server is busy; retry later.' }]);
      assert.equal((await app.inject({ url: '/.well-known/jwks.json', remoteAddress: '10.3.0.2' })).statusCode, 200);
    } finally {
      await app.close();
      await s.dispose();
    }
  });
});

describe('rate limits: both counters of a request in one store call', () => {
  /** The app on counted ephemeral calls (and, when `lines` is given, warnings written there). */
  async function countedApp(env: Record<string, string>, lines?: string[]) {
    const s = await createTestServices({ env });
    const counted = countEphemeralCalls(s.core.ephemeral);
    const logger = lines ? createLogger('warn', { write: (line: string) => lines.push(line) }) : s.logger;
    const app = await buildApp({ ...s, logger, core: { ...s.core, ephemeral: counted } });
    const prefix = `rl:${s.core.tenants.defaultTenant().id}:passkey-login`;
    const counters = () => counted.calls.filter((c) => c.operation.startsWith('increment')).map((c) => [c.operation, c.keys]);
    const options = async (payload: unknown, ip = '10.4.0.1', headers: Record<string, string> = {}) => {
      counted.forget();
      return app.inject({ method: 'POST', url: '/assertion/options', remoteAddress: ip, headers, payload: payload as string });
    };
    return { s, app, counted, prefix, counters, options, close: async () => (await app.close(), await s.dispose()) };
  }
  const accountKey = (prefix: string, username: string) => `${prefix}:acct:${createHash('sha256').update(username).digest('base64url').slice(0, 22)}`;
  const tooMany = { status: 'failed', errorMessage: 'Too many requests; retry later.' };

  it('moves the IP and the account counter of a request that names an account with one call, and the IP alone with one call otherwise', async () => {
    const { app, prefix, counters, options, counted, close } = await countedApp({});
    try {
      assert.equal((await options({ username: 'alice' })).statusCode, 200);
      assert.deepEqual(counters(), [['incrementMany', [`${prefix}:ip:10.4.0.1`, accountKey(prefix, 'alice')]]]);
      assert.equal((await options({})).statusCode, 200);
      assert.deepEqual(counters(), [['increment', [`${prefix}:ip:10.4.0.1`]]]);
      counted.forget();
      assert.equal((await app.inject({ method: 'POST', url: '/assertion/result', remoteAddress: '10.4.0.1', payload: {} })).statusCode, 400);
      assert.deepEqual(counters(), [['increment', [`${prefix}:ip:10.4.0.1`]]]);
    } finally {
      await close();
    }
  });

  it("refuses past the account's limit, and past both with the IP's refusal", async () => {
    const { s, options, close } = await countedApp({ RATE_LIMIT_PER_IP: '4', RATE_LIMIT_PER_ACCOUNT: '2' });
    try {
      assert.equal((await options({})).statusCode, 200); // the IP's window opens now
      s.clock.advance(20_000); // the account's 20 s later: the two refusals tell apart by Retry-After
      assert.deepEqual([(await options({ username: 'bob' })).statusCode, (await options({ username: 'bob' })).statusCode], [200, 200]);
      const byAccount = await options({ username: 'bob' });
      assert.deepEqual([byAccount.statusCode, byAccount.headers['retry-after'], byAccount.json()], [429, '60', tooMany]);
      const byIp = await options({ username: 'bob' });
      assert.deepEqual([byIp.statusCode, byIp.headers['retry-after'], byIp.json()], [429, '40', tooMany]);
      assert.equal((await options({ username: 'bob' }, '10.4.0.2')).statusCode, 429, 'the account stays refused from elsewhere');
      assert.equal((await options({ username: 'carol' }, '10.4.0.2')).statusCode, 200);
    } finally {
      await close();
    }
  });

  it('counts per IP a request refused for its body (invalid, unreadable, U+0000, wrong type) once it is answered, and refuses the next one over the limit with 429 and no store call', async () => {
    const { options, prefix, counters, close } = await countedApp({ RATE_LIMIT_PER_IP: '4' });
    try {
      const json = { 'content-type': 'application/json' };
      const refused = [
        await options({ username: 42 }),
        await options('{"username": "dave"', undefined, json),
        await options({ username: 'da\u0000ve' }),
        await options('username=dave', undefined, { 'content-type': 'text/plain' }),
      ];
      assert.deepEqual(refused.map((r) => [r.statusCode, r.json().status]), [[400, 'failed'], [400, 'failed'], [400, 'failed'], [400, 'failed']]);
      assert.deepEqual(counters(), [['increment', [`${prefix}:ip:10.4.0.1`]]], 'the last one was counted per IP, on its own');
      // Counted in onResponse, after the answer went out: its count is judged a moment later.
      await new Promise((resolve) => setImmediate(resolve));
      const over = await options({ username: 'dave' });
      assert.deepEqual([over.statusCode, over.json()], [429, tooMany]);
      assert.deepEqual(counters(), [], 'refused before its body was read: no store call');
      assert.equal((await options({ username: 'dave' }, '10.4.0.2')).statusCode, 200, 'the account was not counted by the refused requests');
    } finally {
      await close();
    }
  });

  it('refuses a client known to be over its IP limit without a store call until its window ends, on routes that name no account too', async () => {
    const { s, app, counted, close } = await countedApp({ RATE_LIMIT_PER_IP: '2' });
    try {
      const jwks = () => app.inject({ url: '/.well-known/jwks.json', remoteAddress: '10.5.0.1' });
      assert.deepEqual([(await jwks()).statusCode, (await jwks()).statusCode], [200, 200]);
      counted.forget();
      const over = await jwks();
      assert.deepEqual([over.statusCode, over.headers['retry-after'], counted.calls.length], [429, '60', 0]);
      s.clock.advance(59_000);
      assert.deepEqual([(await jwks()).headers['retry-after'], counted.calls.length], ['1', 0]);
      s.clock.advance(1000);
      assert.deepEqual([(await jwks()).statusCode, counted.calls.map((c) => c.operation)], [200, ['increment']]);
    } finally {
      await close();
    }
  });

  it('lets a request pass when the store has no room for its new counters (logged), judging the counters that fit', async () => {
    const lines: string[] = [];
    const { app, options, close } = await countedApp({ EPHEMERAL_MAX_ENTRIES: '100', RATE_LIMIT_PER_IP: '2' }, lines);
    try {
      for (let i = 0; i < 98; i++) assert.equal((await app.inject({ url: '/.well-known/jwks.json', remoteAddress: `10.6.0.${i}` })).statusCode, 200);
      assert.equal((await options({ username: 'erin' })).statusCode, 200); // the IP's and erin's counters fill the pool
      assert.equal((await options({ username: 'frank' })).statusCode, 200); // no room for frank's
      const skipped = lines.map((line) => JSON.parse(line) as { msg: string; detail?: string }).filter((l) => l.msg === 'rate limiting skipped: the ephemeral store is full');
      assert.deepEqual(skipped.map((l) => l.detail), ['memory ephemeral store is full: 100 live counters']);
      assert.equal((await options({ username: 'frank' })).statusCode, 429, "the IP's counter, which fits, is still judged");
    } finally {
      await close();
    }
  });
});
