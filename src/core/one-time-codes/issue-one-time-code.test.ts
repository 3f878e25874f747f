import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from '../../testing/seeded-random.ts';
import { forEachEphemeralBackend } from '../../testing/one-time-code-harness.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import type { Random } from '../ports.ts';
import { generateCode } from './generate-code.ts';
import { issueOneTimeCode } from './issue-one-time-code.ts';

const refusedWith = (code: ErrorCode, retryAfterSeconds?: number) => (error: unknown): boolean =>
  error instanceof DomainError && error.code === code && (retryAfterSeconds === undefined || error.retryAfterSeconds === retryAfterSeconds);

describe('generateCode', () => {
  const fixed = (...draws: number[]): Random => ({
    bytes() {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, draws.shift() ?? 0);
      return out;
    },
    uuid: () => 'unused',
  });

  it('keeps leading zeros', () => {
    assert.equal(generateCode(fixed(42)), '000042');
    assert.equal(generateCode(fixed(1_000_000 + 999_999)), '999999');
  });

  it('draws again above the largest multiple of 10^6 below 2^32 (no modulo bias)', () => {
    const limit = Math.floor(2 ** 32 / 1e6) * 1e6; // 4_294_000_000
    assert.equal(generateCode(fixed(limit, 2 ** 32 - 1, 7)), '000007');
    assert.equal(generateCode(fixed(limit - 1)), '999999');
  });

  it('is six digits, spread over the range', () => {
    const random = new SeededRandom('codes');
    const firstDigits = new Array<number>(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const code = generateCode(random);
      assert.match(code, /^\d{6}$/);
      firstDigits[Number(code[0])] = (firstDigits[Number(code[0])] ?? 0) + 1;
    }
    for (const n of firstDigits) assert.ok(n > 400 && n < 600, `first digits ${firstDigits.join(',')}`);
  });
});

const REQ = { purpose: 'test:signup', subject: 'session-1' };

forEachEphemeralBackend('issueOneTimeCode', (open) => {
  it('returns six digits and the expiry, and audits the issue without the code', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    assert.match(issued.code, /^\d{6}$/);
    assert.equal(issued.expiresAt, h.services.clock.now() + 300_000);
    const [event] = await h.audits('one-time-code.issued');
    assert.ok(event);
    assert.equal(event.subject, 'session-1');
    assert.equal(event.requestId, 'req-1');
    assert.deepEqual(event.detail, { purpose: 'test:signup', codeId: event.detail?.codeId, expiresAt: issued.expiresAt, maxAttempts: 5 });
    assert.ok(!JSON.stringify(event).includes(issued.code));
  });

  it('limits issues per (purpose, subject): 5 per 15 minutes, then rate_limited until the window ends', async () => {
    const h = await open();
    for (let i = 0; i < 5; i++) await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    h.services.clock.advance(60_000);
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ), refusedWith('rate_limited', 14 * 60));
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ), refusedWith('rate_limited'));
    // Another subject, or the same subject for another purpose, is not held back.
    await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, subject: 'session-2' });
    await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, purpose: 'test:login' });
    const throttled = await h.audits('one-time-code.issue-throttled');
    assert.equal(throttled.length, 1, 'the first refusal of a window is audited, not every one');
    assert.deepEqual(throttled[0]?.detail, { purpose: 'test:signup', limit: 'subject-15m', resetAt: h.services.clock.now() - 60_000 + 15 * 60_000 });
    h.services.clock.advance(14 * 60_000);
    await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
  });

  it('limits issues per subject to 20 a day', async () => {
    const h = await open();
    for (let window = 0; window < 4; window++) {
      for (let i = 0; i < 5; i++) await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
      h.services.clock.advance(15 * 60_000);
    }
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ), refusedWith('rate_limited', 23 * 3600));
  });

  it('limits issues per client address across subjects (30 an hour), but not a call without one', async () => {
    const h = await open();
    for (let i = 0; i < 30; i++) await issueOneTimeCode(h.services.core, h.ctx('198.51.100.9'), h.tenant, { ...REQ, subject: `s-${i}` });
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx('198.51.100.9'), h.tenant, { ...REQ, subject: 's-new' }), refusedWith('rate_limited', 3600));
    await issueOneTimeCode(h.services.core, h.ctx('198.51.100.10'), h.tenant, { ...REQ, subject: 's-new' });
    await issueOneTimeCode(h.services.core, h.ctx(null), h.tenant, { ...REQ, subject: 's-other' });
  });

  it('limits issues per tenant (1,000 an hour) whatever the subject, without a hammered subject spending it', async () => {
    const h = await open();
    const system = h.ctx(null);
    for (let i = 0; i < 50; i++) await issueOneTimeCode(h.services.core, system, h.tenant, REQ).catch(() => undefined);
    await Promise.all(Array.from({ length: 995 }, (_, i) => issueOneTimeCode(h.services.core, system, h.tenant, { ...REQ, subject: `s-${i}` })));
    await assert.rejects(issueOneTimeCode(h.services.core, system, h.tenant, { ...REQ, subject: 'one-more' }), refusedWith('rate_limited', 3600));
    const limits = (await h.audits('one-time-code.issue-throttled')).map((e) => e.detail?.limit);
    assert.deepEqual(limits.sort(), ['subject-15m', 'tenant-hour']);
    h.services.clock.advance(3600_000);
    await issueOneTimeCode(h.services.core, system, h.tenant, { ...REQ, subject: 'one-more' });
  });

  it('takes the client and tenant limits from configuration', async () => {
    const h = await open({ env: { CODE_ISSUE_LIMIT_PER_CLIENT_HOUR: '2', CODE_ISSUE_LIMIT_PER_TENANT_HOUR: '3' } });
    for (let i = 0; i < 2; i++) await issueOneTimeCode(h.services.core, h.ctx('198.51.100.1'), h.tenant, { ...REQ, subject: `a-${i}` });
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx('198.51.100.1'), h.tenant, { ...REQ, subject: 'a-2' }), refusedWith('rate_limited'));
    await issueOneTimeCode(h.services.core, h.ctx('198.51.100.2'), h.tenant, { ...REQ, subject: 'b-0' });
    await assert.rejects(issueOneTimeCode(h.services.core, h.ctx('198.51.100.3'), h.tenant, { ...REQ, subject: 'c-0' }), refusedWith('rate_limited'));
    assert.deepEqual((await h.audits('one-time-code.issue-throttled')).map((e) => e.detail?.limit).sort(), ['client-hour', 'tenant-hour']);
  });

  it('refuses a request it cannot honour with invalid_request', async () => {
    const h = await open();
    const bad = [
      { ...REQ, purpose: '' },
      { ...REQ, subject: 'x'.repeat(257) },
      { ...REQ, ttlSeconds: 0 },
      { ...REQ, ttlSeconds: 1.5 },
      { ...REQ, maxAttempts: 0 },
      { ...REQ, maxAttempts: 11 },
      { ...REQ, data: 'x'.repeat(16_385) },
    ];
    for (const req of bad) await assert.rejects(issueOneTimeCode(h.services.core, h.ctx(), h.tenant, req), refusedWith('invalid_request'), JSON.stringify(req));
    assert.deepEqual(await h.audits('one-time-code.issued'), []);
  });
});
