import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
