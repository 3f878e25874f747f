import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseDevicePublicKey } from '../../crypto/device-keys/index.ts';
import { passkeyRecord } from '../../testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import type { RequestContext } from '../deps.ts';
import type { Storage } from '../ports.ts';
import type { Tenant } from '../tenant.ts';
import { createUser } from '../users/create-user.ts';
import { buildDeviceKeyCredential } from './device-key-credential.ts';
import { revokeDevice } from './revoke-device.ts';

const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };

describe('revokeDevice', () => {
  let s: TestServices;
  let tenant: Tenant;
  before(async () => {
    s = await createTestServices();
    tenant = s.core.tenants.defaultTenant();
  });
  after(() => s.dispose());

  it('revokes a device whole, each credential with its audit row, or nothing when an audit row cannot be written', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'two-credentials' });
    const spki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const key = parseDevicePublicKey(spki, { encoding: 'spki-base64' });
    const deviceKey = buildDeviceKeyCredential(s.core, tenant, user.id, key, { deviceId: 'device-1', name: null, origin: { enrolledVia: 'biokey' } });
    const passkey = passkeyRecord(new SoftwareAuthenticator({ seed: 'revoke-device' }), { id: 'revoke-passkey', tenantId: tenant.id, userId: user.id, enrolledVia: 'biokey', deviceId: 'device-1' });
    await s.core.storage.credentials.create(deviceKey);
    await s.core.storage.credentials.create(passkey);
    const statuses = async () => (await s.core.storage.credentials.listByUser(tenant.id, user.id)).map((c) => [c.id, c.status]).sort();
    const revocations = async () => (await s.core.storage.audit.list(tenant.id, { limit: 100 })).filter((e) => e.action === 'device-key.revoked').length;

    // The second credential's audit row fails: the first revocation must not stand alone.
    let appended = 0;
    const real = s.core.storage;
    const failing: Storage = { ...real, audit: { ...real.audit, append: (event) => (++appended === 2 ? Promise.reject(new Error('disk full')) : real.audit.append(event)) } };
    const target = { userId: user.id, deviceId: 'device-1', enrolledVia: 'biokey' } as const;
    await assert.rejects(revokeDevice({ ...s.core, storage: failing }, ctx, tenant, target), /disk full/);
    assert.deepEqual(await statuses(), [[deviceKey.id, 'active'], [passkey.id, 'active']].sort());
    assert.equal(await revocations(), 0);

    await revokeDevice(s.core, ctx, tenant, target);
    assert.deepEqual(await statuses(), [[deviceKey.id, 'revoked'], [passkey.id, 'revoked']].sort());
    assert.equal(await revocations(), 2);
  });
});
