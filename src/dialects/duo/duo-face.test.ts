/** Duo face registration and status over HTTP, against the fake FaceTec Server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFaceVerifiers } from '../../face/face-verifiers.ts';
import { startFakeFaceTec } from '../../face/fake-facetec-server.ts';
import { faceFields, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness, Reply } from './duo-harness.ts';

const codeOf = (res: Reply): [number, number | undefined] => [res.status, (res.body as { error?: { code: number } }).error?.code];

describe('Duo: POST /auth/face/register and GET /v2/face', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('enrolls through /enrollment-3d with the FaceTec headers; the status follows; a second registration is 409 (100704)', async () => {
    const token = await h.token('auth0|face');
    assert.deepEqual((await h.call('GET', '/v2/face', { token })).body, { registered: false, registered_at: null });
    const res = await h.call('POST', '/auth/face/register', { token, body: faceFields('face=carol', 'sdk-ua|session-7') });
    assert.deepEqual([res.status, res.body], [201, { success: true, message: 'Face registered successfully', registered_at: '2026-11-23T12:00:00.000Z' }]);
    const request = h.facetec.requests.at(-1);
    assert.deepEqual([request?.path, request?.deviceKey, request?.userAgent], ['/enrollment-3d', 'duo-test-facetec-key', 'sdk-ua|session-7']);
    assert.match(request?.externalDatabaseRefID ?? '', /^sigil-.+-.+$/);
    assert.deepEqual((await h.call('GET', '/v2/face', { token })).body, { registered: true, registered_at: '2026-11-23T12:00:00.000Z' });
    const again = await h.call('POST', '/auth/face/register', { token, body: faceFields('face=carol') });
    assert.deepEqual([again.status, again.body], [409, { error: { code: 100704, message: 'A face is already registered for this user.' } }]);
  });

  it('does not register a scan that fails liveness (403 100703), and audits why without images', async () => {
    const token = await h.token('auth0|spoof');
    const scan = faceFields('face=dave;liveness-fail');
    assert.deepEqual(codeOf(await h.call('POST', '/auth/face/register', { token, body: scan })), [403, 100703]);
    assert.deepEqual((await h.call('GET', '/v2/face', { token })).body, { registered: false, registered_at: null });
    const events = await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 100 });
    const failed = events.find((e) => e.action === 'face.registration-failed');
    assert.deepEqual(failed?.detail, { reasons: ['liveness_failed'] });
    assert.doesNotMatch(JSON.stringify(events), new RegExp(scan.face_scan!.slice(0, 12)));
  });

  it('takes back an enrollment FaceTec holds but Sigil lost, when the same face matches it', async () => {
    const token = await h.token('auth0|lost');
    await h.call('POST', '/auth/users/register', { token });
    const ref = (await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, `auth0|lost@${new URL(h.idp.issuer).host}`))!.id;
    h.facetec.enrollments.set(`sigil-${h.s.core.tenants.defaultTenant().id}-${ref}`, 'erin');
    assert.deepEqual(codeOf(await h.call('POST', '/auth/face/register', { token, body: faceFields('face=mallory') })), [409, 100704]);
    assert.equal((await h.call('POST', '/auth/face/register', { token, body: faceFields('face=erin') })).status, 201);
  });

  it('refuses missing or malformed face fields with 100001 before calling FaceTec', async () => {
    const token = await h.token('auth0|fields');
    const before = h.facetec.requests.length;
    const { user_agent: _ua, ...withoutAgent } = faceFields('face=x');
    for (const body of [{}, withoutAgent, { ...faceFields('face=x'), face_scan: '' }, { ...faceFields('face=x'), user_agent: 'ua\r\nX-Injected: 1' }]) {
      assert.deepEqual(codeOf(await h.call('POST', '/auth/face/register', { token, body })), [400, 100001], JSON.stringify(Object.keys(body)));
    }
    assert.equal(h.facetec.requests.length, before);
  });

  it('takes FaceTec-sized bodies on face routes only (413 100004 past the route limit)', async () => {
    const token = await h.token('auth0|big');
    const big = { ...faceFields('face=frank'), audit_trail_image: 'A'.repeat(2 * 1024 * 1024) };
    assert.equal((await h.call('POST', '/auth/face/register', { token, body: big })).status, 201);
    const huge = { ...faceFields('face=frank'), audit_trail_image: 'A'.repeat(9 * 1024 * 1024) };
    assert.deepEqual(codeOf(await h.call('POST', '/auth/face/register', { token, body: huge })), [413, 100004]);
    const registerUser = await h.call('POST', '/auth/users/register', { token, body: { padding: 'A'.repeat(2 * 1024 * 1024) } });
    assert.deepEqual(codeOf(registerUser), [413, 100004], 'the global limit stays for other routes');
  });
});

describe('Duo: FaceTec unavailable', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  const unavailable = [503, { error: { code: 100705, message: 'Face verification is unavailable; retry later.' } }];

  it('answers 503 (100705) for a FaceTec error status or a non-JSON answer', async () => {
    const token = await h.token('auth0|facetec-error');
    for (const directive of ['status=500', 'status=401', 'not-json']) {
      const res = await h.call('POST', '/auth/face/register', { token, body: faceFields(`face=g;${directive}`) });
      assert.deepEqual([res.status, res.body], unavailable, directive);
    }
  });

  it('answers 503 (100705) within the timeout when FaceTec is slow', async () => {
    const app = await h.appWith({ faceVerifiers: createFaceVerifiers({ timeoutMs: 150 }) });
    const started = performance.now();
    const res = await app.inject({ method: 'POST', url: '/auth/face/register', headers: { authorization: `Bearer ${await h.token('auth0|slow')}` }, payload: faceFields('face=h;slow=3000') });
    assert.deepEqual([res.statusCode, res.json()], unavailable);
    assert.ok(performance.now() - started < 2_000);
  });

  it('answers 503 (100705) when FaceTec is down or not configured for the tenant', async () => {
    const gone = await startFakeFaceTec();
    await gone.close();
    const tenant = h.s.core.tenants.bySlug('acme')!;
    h.s.core.tenants.put({ ...tenant, integrations: { ...tenant.integrations, faceTec: { url: gone.url, deviceKey: 'k', minMatchLevel: 10 } } });
    const token = await h.acmeToken('auth0|down');
    assert.deepEqual(await h.call('POST', '/t/acme/auth/face/register', { token, body: faceFields('face=i') }).then((r) => [r.status, r.body]), unavailable);
    h.s.core.tenants.put({ ...tenant, integrations: { ...tenant.integrations, faceTec: null } });
    assert.deepEqual(await h.call('POST', '/t/acme/auth/face/register', { token, body: faceFields('face=i') }).then((r) => [r.status, r.body]), unavailable);
    h.s.core.tenants.put(tenant);
  });
});
