/** The FaceTec adapter over real HTTP against the fake FaceTec server. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ErrorCode } from '../core/errors.ts';
import { FaceTecAdapter } from './facetec-adapter.ts';
import { fakeFaceScan } from './fake-face-scan.ts';
import { startFakeFaceTec } from './fake-facetec-server.ts';
import type { FakeFaceTec } from './fake-facetec-server.ts';

function failsWith(code: ErrorCode, detail?: RegExp) {
  return (error: unknown): boolean => {
    const e = error as { code?: string; detail?: string };
    assert.equal(e.code, code);
    if (detail !== undefined) assert.match(e.detail ?? '', detail);
    return true;
  };
}

describe('FaceTecAdapter against the fake FaceTec server', () => {
  let fake: FakeFaceTec;
  let adapter: FaceTecAdapter;

  before(async () => {
    fake = await startFakeFaceTec({ deviceKey: 'device-key-under-test', now: () => Date.parse('2026-11-23T12:00:00Z') });
    adapter = new FaceTecAdapter({ baseUrl: `${fake.url}/`, deviceKey: 'device-key-under-test', timeoutMs: 2_000 });
  });
  after(() => fake.close());
  beforeEach(() => fake.enrollments.clear());

  it('enrolls, sending the body fields and the X-Device-Key and X-User-Agent headers', async () => {
    const result = await adapter.enroll('user-1', fakeFaceScan('face=alice', 'sdk-ua|session-1'));
    assert.deepEqual({ ...result, scanResultBlob: typeof result.scanResultBlob }, { passed: true, reasons: [], matchLevel: null, scanResultBlob: 'string' });
    assert.equal(fake.enrollments.get('user-1'), 'alice');
    assert.deepEqual(fake.requests.at(-1), {
      method: 'POST',
      path: '/enrollment-3d',
      deviceKey: 'device-key-under-test',
      userAgent: 'sdk-ua|session-1',
      externalDatabaseRefID: 'user-1',
    });
  });

  it('reports a second enrollment of one reference as face_already_registered', async () => {
    await adapter.enroll('user-1', fakeFaceScan('face=alice'));
    await assert.rejects(adapter.enroll('user-1', fakeFaceScan('face=alice')), failsWith('face_already_registered', /already exists/));
  });

  it('does not enroll a scan that fails liveness', async () => {
    const result = await adapter.enroll('user-1', fakeFaceScan('face=alice;liveness-fail'));
    assert.deepEqual(result.reasons, ['liveness_failed']);
    assert.equal(result.passed, false);
    assert.equal(fake.enrollments.has('user-1'), false);
  });

  it('passes a match of the enrolled face at or above the minimum level', async () => {
    await adapter.enroll('user-1', fakeFaceScan('face=alice'));
    const result = await adapter.match('user-1', fakeFaceScan('face=alice'), 10);
    assert.equal(result.passed, true);
    assert.equal(result.matchLevel, 15);
    assert.equal((await adapter.match('user-1', fakeFaceScan('face=alice;level=10'), 10)).passed, true);
    assert.equal(fake.requests.at(-1)?.path, '/match-3d-3d');
  });

  it('fails a match below the minimum level, or of another face', async () => {
    await adapter.enroll('user-1', fakeFaceScan('face=alice'));
    const low = await adapter.match('user-1', fakeFaceScan('face=alice;level=9'), 10);
    assert.deepEqual([low.passed, low.reasons, low.matchLevel], [false, ['match_too_low'], 9]);
    const other = await adapter.match('user-1', fakeFaceScan('face=mallory'), 10);
    assert.deepEqual([other.passed, other.reasons, other.matchLevel], [false, ['match_too_low'], 0]);
  });

  it('fails a match against a reference with no enrollment as a refused request', async () => {
    const result = await adapter.match('nobody', fakeFaceScan('face=alice'), 10);
    assert.deepEqual([result.passed, result.reasons], [false, ['request_refused']]);
    assert.match(result.detail ?? '', /No entry found/);
  });

  it('checks liveness', async () => {
    assert.deepEqual((await adapter.liveness(fakeFaceScan('face=alice'))).reasons, []);
    const failed = await adapter.liveness(fakeFaceScan('liveness-fail'));
    assert.deepEqual([failed.passed, failed.reasons], [false, ['liveness_failed']]);
    assert.equal(fake.requests.at(-1)?.externalDatabaseRefID, null);
  });

  const checks: [string, string][] = [
    ['liveness-fail', 'liveness_failed'],
    ['audit-trail-fail', 'audit_trail_mismatch'],
    ['replay', 'replay_detected'],
    ['session-token-fail', 'session_token_invalid'],
    ['unprocessed', 'not_processed'],
  ];
  for (const [directive, reason] of checks) {
    it(`fails every operation when ${directive}`, async () => {
      await adapter.enroll('user-2', fakeFaceScan('face=bob'));
      const scan = fakeFaceScan(`face=bob;${directive}`);
      for (const result of [await adapter.liveness(scan), await adapter.match('user-2', scan, 10), await adapter.enroll('user-3', scan)]) {
        assert.deepEqual([result.passed, result.reasons], [false, [reason]]);
      }
    });
  }

  it('lists every failed check', async () => {
    const result = await adapter.liveness(fakeFaceScan('replay;liveness-fail'));
    assert.deepEqual(result.reasons, ['liveness_failed', 'replay_detected']);
  });

  it('treats a wrong device key as the service being unavailable', async () => {
    const misconfigured = new FaceTecAdapter({ baseUrl: fake.url, deviceKey: 'wrong-key' });
    await assert.rejects(misconfigured.liveness(fakeFaceScan('face=alice')), failsWith('face_service_unavailable', /HTTP 401: Invalid or missing X-Device-Key/));
  });

  it('gives up after its timeout rather than hang', async () => {
    const hasty = new FaceTecAdapter({ baseUrl: fake.url, deviceKey: fake.deviceKey, timeoutMs: 100 });
    const started = performance.now();
    await assert.rejects(hasty.liveness(fakeFaceScan('slow=3000')), failsWith('face_service_unavailable', /no answer within 100 ms/));
    assert.ok(performance.now() - started < 1_500);
  });

  it('treats a non-2xx or non-JSON answer as unavailable', async () => {
    await assert.rejects(adapter.liveness(fakeFaceScan('status=503')), failsWith('face_service_unavailable', /HTTP 503 with a body that is not JSON/));
    await assert.rejects(adapter.liveness(fakeFaceScan('not-json')), failsWith('face_service_unavailable', /HTTP 200 with a body that is not JSON/));
  });

  it('refuses bad arguments before calling the service', async () => {
    const count = fake.requests.length;
    await assert.rejects(adapter.enroll('', fakeFaceScan('face=alice')), failsWith('invalid_request'));
    await assert.rejects(adapter.match('user-1', fakeFaceScan('face=alice'), -1), failsWith('invalid_request'));
    await assert.rejects(adapter.match('user-1', fakeFaceScan('face=alice'), 1.5), failsWith('invalid_request'));
    await assert.rejects(adapter.liveness(fakeFaceScan('face=alice', 'ua\r\nX-Injected: 1')), failsWith('invalid_request', /userAgent/));
    await assert.rejects(adapter.liveness({ ...fakeFaceScan('face=alice'), faceScan: '' }), failsWith('invalid_request', /faceScan/));
    assert.equal(fake.requests.length, count);
  });

  it('reports an unknown scan directive as a refused request', async () => {
    const result = await adapter.liveness(fakeFaceScan('face=alice;smile'));
    assert.deepEqual(result.reasons, ['request_refused']);
    assert.match(result.detail ?? '', /unknown scan directive "smile"/);
  });
});

describe('FaceTecAdapter with the service down', () => {
  it('reports a refused connection as unavailable', async () => {
    const fake = await startFakeFaceTec();
    await fake.close();
    const adapter = new FaceTecAdapter({ baseUrl: fake.url, deviceKey: fake.deviceKey, timeoutMs: 2_000 });
    await assert.rejects(adapter.enroll('user-1', fakeFaceScan('face=alice')), failsWith('face_service_unavailable', /ECONNREFUSED/));
  });

  it('also recognises a duplicate enrollment answered with HTTP 400, as some server versions do', async () => {
    const body = { error: true, success: false, errorMessage: 'An enrollment already exists for this externalDatabaseRefID.' };
    const fetch400: typeof fetch = async () => new Response(JSON.stringify(body), { status: 400 });
    const adapter = new FaceTecAdapter({ baseUrl: 'http://127.0.0.1:1', deviceKey: 'k', fetch: fetch400 });
    await assert.rejects(adapter.enroll('user-1', fakeFaceScan('face=alice')), failsWith('face_already_registered'));
    await assert.rejects(adapter.liveness(fakeFaceScan('face=alice')), failsWith('face_service_unavailable', /HTTP 400/));
  });

  it('refuses a configuration it cannot use', () => {
    assert.throws(() => new FaceTecAdapter({ baseUrl: 'ftp://example.test', deviceKey: 'k' }), TypeError);
    assert.throws(() => new FaceTecAdapter({ baseUrl: 'http://127.0.0.1:1', deviceKey: 'k', timeoutMs: 0 }), TypeError);
  });
});
