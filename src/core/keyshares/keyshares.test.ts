import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rejectsDomainError } from '../../testing/authenticator/assert-domain-error.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import type { RequestContext } from '../deps.ts';
import type { FaceGate } from '../face/face-gate.ts';
import type { FaceResult, FaceScan, FaceVerifier } from '../face/face-verifier.ts';
import { registerFace } from '../face/register-face.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import { backupKeyshares } from './backup-keyshares.ts';
import { listMpcKeys } from './list-mpc-keys.ts';
import { recordMpcKey } from './record-mpc-key.ts';
import { recoverKeyshares } from './recover-keyshares.ts';

const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };
const SCAN: FaceScan = { faceScan: 'scan', auditTrailImage: 'a', lowQualityAuditTrailImage: 'b', userAgent: 'ua' };
const pass: FaceResult = { passed: true, reasons: [], matchLevel: 10, scanResultBlob: null };

/** A face service that enrolls anything and matches as told, so the ceremony's own rules show. */
function faceService(matches: { value: boolean }): FaceVerifier {
  return {
    enroll: async () => pass,
    match: async () => (matches.value ? pass : { passed: false, reasons: ['match_too_low'], matchLevel: 2, scanResultBlob: null }),
    liveness: async () => pass,
  };
}

describe('key-share backup (neutral, without any dialect)', () => {
  let s: TestServices;
  let tenant: Tenant;
  const matches = { value: true };
  const gate: FaceGate = { verifier: faceService(matches), minMatchLevel: 8 };
  before(async () => {
    s = await createTestServices();
    tenant = s.core.tenants.defaultTenant();
  });
  after(() => s.dispose());

  const holder = async (name: string): Promise<User> => {
    const user = await createUser(s.core, ctx, tenant, { username: name });
    for (const keyId of ['0a', '0b']) await recordMpcKey(s.core, ctx, tenant, { keyId: `${keyId}${name}`, userId: user.id, deviceCredentialId: 'device-1', instance: 'ab' });
    return user;
  };

  it('records an MPC key for its first reporter only, and audits that', async () => {
    const [alice, bob] = [await holder('k1'), await createUser(s.core, ctx, tenant, { username: 'k1-bob' })];
    const taken = await recordMpcKey(s.core, ctx, tenant, { keyId: '0ak1', userId: bob.id, deviceCredentialId: 'device-2', instance: 'cd' });
    assert.equal(taken.userId, alice.id);
    const recorded = (await s.core.storage.audit.list(tenant.id, { limit: 200 })).filter((e) => e.action === 'mpc-key.recorded' && e.detail?.keyId === '0ak1');
    assert.deepEqual(recorded.map((e) => e.subject), [`user:${alice.id}`]);
  });

  it('backs up the user’s own keys only, and recovers them byte for byte behind a face match', async () => {
    const alice = await holder('k2');
    await holder('k3'); // owns 0ak3
    await rejectsDomainError(backupKeyshares(s.core, ctx, tenant, alice, [{ keyId: '0ak3', encryptedKeyshare: 'x' }]), 'forbidden');
    await rejectsDomainError(backupKeyshares(s.core, ctx, tenant, alice, []), 'invalid_request');
    s.clock.advance(5);
    const backups = await backupKeyshares(s.core, ctx, tenant, alice, [{ keyId: '0ak2', encryptedKeyshare: 'ciphertext of the share ✓' }]);
    assert.deepEqual(backups.map((b) => [b.keyId, b.createdAt]), [['0ak2', s.clock.now()]]);
    assert.deepEqual((await listMpcKeys(s.core, tenant, alice)).map((k) => [k.keyId, k.backupCreatedAt]), [['0ak2', s.clock.now()], ['0bk2', null]]);

    await rejectsDomainError(recoverKeyshares(s.core, ctx, tenant, alice, gate, ['0ak2'], SCAN), 'face_not_registered');
    await registerFace(s.core, ctx, tenant, alice, gate, SCAN);
    matches.value = false;
    await rejectsDomainError(recoverKeyshares(s.core, ctx, tenant, alice, gate, ['0ak2'], SCAN), 'face_verification_failed');
    matches.value = true;
    assert.deepEqual(await recoverKeyshares(s.core, ctx, tenant, alice, gate, ['0ak2', '0bk2', '0ak3'], SCAN), [
      { keyId: '0ak2', encryptedKeyshare: 'ciphertext of the share ✓' },
      { keyId: '0bk2', error: 'keyshare_not_found' },
      { keyId: '0ak3', error: 'keyshare_not_found' },
    ]);
    const actions = (await s.core.storage.audit.list(tenant.id, { limit: 200 })).filter((e) => e.subject === `user:${alice.id}`).map((e) => `${e.action}:${e.outcome}`);
    for (const action of ['keyshare.backed-up:success', 'face.registered:success', 'face.verification-failed:failure', 'keyshare.recovered:success']) assert.ok(actions.includes(action), action);
  });

  it('registers one face per user and refuses a second', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'k4' });
    const enrollment = await registerFace(s.core, ctx, tenant, user, gate, SCAN);
    assert.deepEqual(await s.core.storage.faces.get(tenant.id, user.id), enrollment);
    assert.equal(enrollment.faceRef, `sigil-${tenant.id}-${user.id}`);
    await rejectsDomainError(registerFace(s.core, ctx, tenant, user, gate, SCAN), 'face_already_registered');
    await rejectsDomainError(registerFace(s.core, ctx, tenant, await createUser(s.core, ctx, tenant, { username: 'k5' }), { verifier: null, minMatchLevel: 8 }, SCAN), 'face_service_unavailable');
  });
});
