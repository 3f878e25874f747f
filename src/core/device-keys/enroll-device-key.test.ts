import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseDevicePublicKey, type DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { rejectsDomainError } from '../../testing/authenticator/assert-domain-error.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import type { RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { createUser } from '../users/create-user.ts';
import type { EnrollmentAuthority } from './authorize-enrollment.ts';
import type { DeviceAccount } from './device-account.ts';
import { enrollDeviceKey } from './enroll-device-key.ts';
import { issueDeviceChallenge } from './issue-device-challenge.ts';
import { listDeviceKeys } from './list-device-keys.ts';

const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };

function p256(): { key: DevicePublicKey; sign(message: Uint8Array): Uint8Array } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = parseDevicePublicKey(pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), { encoding: 'spki-base64' });
  return { key, sign: (message) => new Uint8Array(sign('sha256', message, pair.privateKey)) };
}

describe('enrollDeviceKey', () => {
  let s: TestServices;
  let tenant: Tenant;
  before(async () => {
    s = await createTestServices({ env: { ALLOW_SIGN_UP: 'false' } });
    tenant = s.core.tenants.defaultTenant();
  });
  after(() => s.dispose());

  const enroll = (account: DeviceAccount, key: DevicePublicKey, authority: EnrollmentAuthority = { kind: 'none' }, deviceId = 'device-1') =>
    enrollDeviceKey(s.core, ctx, tenant, { account, key, authority, deviceId, name: 'phone', origin: { enrolledVia: 'swapbits', platform: 'iOS' } });

  it('signs up an unknown username only where the tenant allows sign-up', async () => {
    await rejectsDomainError(enroll({ username: 'newcomer' }, p256().key), 'signup_disabled');
    await rejectsDomainError(enroll({ userId: 'no-such-user' }, p256().key, { kind: 'management', apiKeyId: 'k' }), 'user_not_found');
  });

  it('lets the management API add and replace keys of an existing user, revoking the replaced one', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'managed' });
    const [first, second] = [p256(), p256()];
    const management: EnrollmentAuthority = { kind: 'management', apiKeyId: 'key-1' };
    await rejectsDomainError(enroll({ userId: user.id }, first.key), 'credential_conflict');
    assert.equal((await enroll({ userId: user.id }, first.key, management)).outcome, 'created');
    assert.equal((await enroll({ userId: user.id }, first.key)).outcome, 'unchanged', 'a retry needs no authority and changes nothing');
    s.clock.advance(1);
    assert.equal((await enroll({ userId: user.id }, second.key, management)).outcome, 'replaced');
    const keys = await listDeviceKeys(s.core, tenant, user.id, 'swapbits');
    assert.deepEqual(keys.map((k) => k.status), ['revoked', 'active']);
    await rejectsDomainError(enroll({ userId: user.id }, first.key, management), 'credential_conflict', /revoked/);
  });

  it('leaves one active key when 8 enrollments of different keys race for one device', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'racing-device' });
    const management: EnrollmentAuthority = { kind: 'management', apiKeyId: 'key-1' };
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => enroll({ userId: user.id }, p256().key, management, 'raced')));
    // Each either replaced the key before it or lost to one committed meanwhile; none is left beside another.
    for (const outcome of settled) if (outcome.status === 'rejected') assert.equal((outcome.reason as { code?: string }).code, 'credential_conflict');
    const keys = await listDeviceKeys(s.core, tenant, user.id, 'swapbits');
    assert.equal(keys.filter((k) => k.status === 'active').length, 1);
    assert.equal(keys.length, settled.filter((o) => o.status === 'fulfilled').length);
  });

  it('accepts a proof by the current key, and refuses a proof by a key of another user', async () => {
    const [owner, stranger] = [await createUser(s.core, ctx, tenant, { username: 'owner' }), await createUser(s.core, ctx, tenant, { username: 'stranger' })];
    const [ownerKey, strangerKey, next] = [p256(), p256(), p256()];
    await enroll({ userId: owner.id }, ownerKey.key, { kind: 'session', userId: owner.id });
    await enroll({ userId: stranger.id }, strangerKey.key, { kind: 'session', userId: stranger.id });
    await rejectsDomainError(enroll({ userId: owner.id }, next.key, { kind: 'session', userId: stranger.id }), 'forbidden');
    const proofBy = async (account: DeviceAccount, signer: typeof ownerKey): Promise<EnrollmentAuthority> => {
      const c = await issueDeviceChallenge(s.core, tenant, { account, handle: 'uuid' });
      return { kind: 'possession', attempt: { account, challengeHandle: c.handle, proof: { kind: 'signature', signature: signer.sign(c.challenge) } } };
    };
    await rejectsDomainError(enroll({ userId: owner.id }, next.key, await proofBy({ userId: stranger.id }, strangerKey)), 'forbidden');
    assert.equal((await enroll({ userId: owner.id }, next.key, await proofBy({ userId: owner.id }, ownerKey))).outcome, 'replaced');
  });

  it('refuses a disabled user', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'disabled' });
    await s.core.storage.users.update(tenant.id, user.id, { status: 'disabled', updatedAt: s.clock.now() });
    await rejectsDomainError(enroll({ userId: user.id }, p256().key, { kind: 'management', apiKeyId: 'k' }), 'user_disabled');
  });
});
