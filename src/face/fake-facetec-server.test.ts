/** The fake FaceTec server's own behaviour, over raw HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeFaceScan, readFakeFaceScan } from './fake-face-scan.ts';
import { startFakeFaceTec } from './fake-facetec-server.ts';
import type { FakeFaceTec } from './fake-facetec-server.ts';

describe('fake FaceTec server', () => {
  let fake: FakeFaceTec;
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<[number, Record<string, unknown>]> => {
    const response = await fetch(fake.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Device-Key': fake.deviceKey, 'X-User-Agent': 'ua', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return [response.status, (await response.json()) as Record<string, unknown>];
  };
  const { faceScan, auditTrailImage, lowQualityAuditTrailImage } = fakeFaceScan('face=carol;level=7');

  before(async () => {
    fake = await startFakeFaceTec({ now: () => Date.parse('2026-11-23T12:00:00Z') });
  });
  after(() => fake.close());

  it('listens on 127.0.0.1', () => assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/));

  it('answers with FaceTec’s response shape', async () => {
    const [, enrolled] = await call('/enrollment-3d', { externalDatabaseRefID: 'u', faceScan, auditTrailImage, lowQualityAuditTrailImage });
    const [status, matched] = await call('/match-3d-3d', { externalDatabaseRefID: 'u', faceScan, auditTrailImage, lowQualityAuditTrailImage });
    assert.equal(status, 200);
    assert.equal(enrolled['externalDatabaseRefID'], 'u');
    for (const field of ['success', 'wasProcessed', 'error', 'faceScanSecurityChecks', 'scanResultBlob', 'serverInfo', 'callData', 'additionalSessionData']) {
      assert.ok(field in matched, field);
    }
    assert.deepEqual([matched['success'], matched['wasProcessed'], matched['error'], matched['matchLevel']], [true, true, false, 7]);
    assert.deepEqual(matched['callData'], {
      tid: (matched['callData'] as { tid: string }).tid,
      path: '/match-3d-3d',
      date: 'Mon, 23 Nov 2026 12:00:00 GMT',
      epochSecond: 1795435200,
      requestMethod: 'POST',
    });
  });

  it('refuses a missing or wrong X-Device-Key with HTTP 401', async () => {
    const [status, body] = await call('/liveness-3d', { faceScan, auditTrailImage, lowQualityAuditTrailImage }, { 'X-Device-Key': 'nope' });
    assert.deepEqual([status, body['error'], body['success']], [401, true, false]);
  });

  it('answers error: true without X-User-Agent, 400 for a bad body, 404 elsewhere', async () => {
    const [status, body] = await call('/liveness-3d', { faceScan, auditTrailImage, lowQualityAuditTrailImage }, { 'X-User-Agent': '' });
    assert.deepEqual([status, body['error'], body['errorMessage']], [200, true, 'Missing X-User-Agent header.']);
    assert.equal((await call('/liveness-3d', 'not json'))[0], 400);
    assert.equal((await call('/liveness-3d', { faceScan }))[0], 400);
    assert.equal((await call('/enrollment-3d', { faceScan, auditTrailImage, lowQualityAuditTrailImage }))[0], 400);
    assert.equal((await call('/nowhere', {}))[0], 404);
  });

  it('hands out session tokens', async () => {
    const [status, body] = await call('/session-token', undefined);
    assert.equal(status, 200);
    assert.equal(typeof body['sessionToken'], 'string');
  });
});

describe('readFakeFaceScan', () => {
  it('reads directives and refuses unknown or malformed ones', () => {
    assert.deepEqual(readFakeFaceScan(fakeFaceScan('face=dora;level=3;replay;slow=20;unprocessed').faceScan), {
      face: 'dora',
      level: 3,
      failures: ['replay', 'unprocessed'],
      slowMs: 20,
      status: null,
      notJson: false,
    });
    for (const bad of ['level=16', 'level=x', 'face=', 'status=42', 'slow=-1', 'wink']) {
      assert.equal(typeof readFakeFaceScan(fakeFaceScan(bad).faceScan), 'string', bad);
    }
  });
});
