import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachEphemeralBackend } from '../../testing/one-time-code-harness.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import { issueOneTimeCode } from './issue-one-time-code.ts';
import { verifyOneTimeCode } from './verify-one-time-code.ts';

const refusedWith = (code: ErrorCode) => (error: unknown): boolean => error instanceof DomainError && error.code === code;
const wrong = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const REQ = { purpose: 'test:login', subject: 'user-1' };

forEachEphemeralBackend('verifyOneTimeCode', (open) => {
  it('accepts the right code once and returns its data; a second use is code_invalid', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, data: '{"email":"ada@example.com"}' });
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), { data: '{"email":"ada@example.com"}' });
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), refusedWith('code_invalid'));
    const verified = await h.audits('one-time-code.verified');
    assert.equal(verified.length, 1);
    assert.deepEqual(verified[0]?.detail, { purpose: 'test:login', codeId: verified[0]?.detail?.codeId, attempts: 1 });
    assert.equal(verified[0]?.subject, 'user-1');
    assert.equal(verified[0]?.outcome, 'success');
    const failed = await h.audits('one-time-code.verify-failed');
    assert.deepEqual(failed.map((e) => e.detail), [{ purpose: 'test:login', codeId: null, error: 'code_invalid' }]);
  });

  it('returns null data when none was given, and refuses a code of another purpose or subject', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { purpose: 'test:other', subject: 'user-1', code: issued.code }), refusedWith('code_invalid'));
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { purpose: 'test:login', subject: 'user-2', code: issued.code }), refusedWith('code_invalid'));
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), { data: null });
  });

  it('expires by the injected clock: valid until the last millisecond, code_expired from then on', async () => {
    const h = await open();
    const first = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    assert.equal(first.expiresAt, h.services.clock.now() + 300_000);
    h.services.clock.advance(299_999);
    await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: first.code });

    const second = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, ttlSeconds: 60 });
    h.services.clock.advance(60_000);
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: second.code }), refusedWith('code_expired'));
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: wrong(second.code) }), refusedWith('code_expired'));
    h.services.clock.advance(15 * 60_000);
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: second.code }), refusedWith('code_invalid'), 'the record is gone after the grace period');
  });

  it('kills a code after 5 wrong tries: the 6th fails with locked_out even with the right code', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    for (let i = 0; i < 5; i++) {
      await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: wrong(issued.code) }), refusedWith('code_invalid'));
    }
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), refusedWith('locked_out'));
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), refusedWith('locked_out'));
    const locks = await h.audits('one-time-code.locked');
    assert.equal(locks.length, 1);
    assert.equal(locks[0]?.outcome, 'failure');
    assert.equal(locks[0]?.detail?.attempts, 5);
    // Events of one frozen millisecond have no order among them: compare as a multiset.
    const failures = (await h.audits('one-time-code.verify-failed')).map((e) => String(e.detail?.error)).sort();
    assert.deepEqual(failures, ['code_invalid', 'code_invalid', 'code_invalid', 'code_invalid', 'code_invalid', 'locked_out', 'locked_out']);

    const fresh = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: fresh.code }), { data: null }, 'a new code has its own tries');
  });

  it('accepts the right code on the 5th try, and honours a smaller maxAttempts', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    for (let i = 0; i < 4; i++) await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: wrong(issued.code) }), refusedWith('code_invalid'));
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code }), { data: null });

    const strict = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, maxAttempts: 1 });
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: wrong(strict.code) }), refusedWith('code_invalid'));
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: strict.code }), refusedWith('locked_out'));
  });

  it('replaces a live code on issue: the old code is invalid, the new one works', async () => {
    const h = await open();
    const old = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    let fresh = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    while (fresh.code === old.code) fresh = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: old.code }), refusedWith('code_invalid'));
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: fresh.code }), { data: null });
  });

  it('lets exactly one of many concurrent right answers win', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, data: 'payload', maxAttempts: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: issued.code })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    assert.deepEqual((won[0] as PromiseFulfilledResult<{ data: string | null }>).value, { data: 'payload' });
    for (const r of results) if (r.status === 'rejected') assert.ok(refusedWith('code_invalid')(r.reason), String(r.reason));
    assert.equal((await h.audits('one-time-code.verified')).length, 1);
  });

  it('compares at most maxAttempts of many concurrent guesses', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 19 ? issued.code : wrong(issued.code)));
    const results = await Promise.allSettled(guesses.map((code) => verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code })));
    const codes = results.map((r) => (r.status === 'rejected' && r.reason instanceof DomainError ? r.reason.code : 'ok'));
    assert.equal(codes.filter((c) => c === 'locked_out').length, 15);
    assert.ok(codes.filter((c) => c === 'code_invalid' || c === 'ok').length === 5);
  });

  it('leaves a code issued between its read and its take in place', async () => {
    const h = await open();
    const old = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
    let fresh: { code: string } | null = null;
    const store = h.services.core.ephemeral;
    // The store as a race would drive it: a new code is issued just before the take.
    const racing = {
      ...store,
      get: (key: string) => store.get(key),
      increment: (key: string, ms: number) => store.increment(key, ms),
      async take(key: string) {
        fresh = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, REQ);
        return store.take(key);
      },
    };
    await assert.rejects(verifyOneTimeCode({ ...h.services.core, ephemeral: racing }, h.ctx(), h.tenant, { ...REQ, code: old.code }), refusedWith('code_invalid'));
    assert.ok(fresh !== null);
    assert.deepEqual(await verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, code: (fresh as { code: string }).code }), { data: null });
  });

  it('stores no code: only a keyed digest, under a hashed key', async () => {
    const h = await open();
    const issued = await issueOneTimeCode(h.services.core, h.ctx(), h.tenant, { ...REQ, subject: 'ada@example.com' });
    const { codeKey } = await import('./code-record.ts');
    const stored = await h.services.core.ephemeral.get(codeKey({ tenantId: h.tenant.id, purpose: REQ.purpose, subject: 'ada@example.com' }));
    assert.ok(stored !== null);
    assert.ok(!stored.includes(issued.code));
    assert.ok(!codeKey({ tenantId: h.tenant.id, purpose: REQ.purpose, subject: 'ada@example.com' }).includes('ada@'));
    const record = JSON.parse(stored) as Record<string, unknown>;
    assert.deepEqual(Object.keys(record).sort(), ['data', 'digest', 'expiresAt', 'id', 'maxAttempts']);
    assert.match(String(record.digest), /^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses malformed requests with invalid_request', async () => {
    const h = await open();
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { purpose: '', subject: 'u', code: '123456' }), refusedWith('invalid_request'));
    await assert.rejects(verifyOneTimeCode(h.services.core, h.ctx(), h.tenant, { purpose: 'p', subject: 'u', code: 123456 as unknown as string }), refusedWith('invalid_request'));
  });
});
