import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Credential } from '../../core/credential.ts';
import { assertDomainError } from './context.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeCredentials({ storage, fixtures }: ContractContext): void {
  describe('credentials', () => {
    const owner = async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const user = fixtures.user(tenant.id);
      await storage().users.create(user);
      return { tenantId: tenant.id, userId: user.id };
    };

    it('reads a passkey back by id and by credential id, byte-exact and every field exact', async () => {
      const { tenantId, userId } = await owner();
      // 1023 bytes (the WebAuthn maximum) covering every byte value, and an odd-length key.
      const credentialId = Uint8Array.from({ length: 1023 }, (_, i) => (i * 7 + 255) % 256);
      const passkey = fixtures.credential(tenantId, userId, {
        credentialId,
        publicKey: fixtures.bytes(91),
        algorithm: -257,
        signCount: 4294967295,
        aaguid: 'ee882879-721c-4913-9775-3dfcce97072a',
        transports: ['usb', 'nfc', 'hybrid'],
        attestationFormat: 'packed',
        attestationTrust: 'trusted',
        backupEligible: true,
        backupState: false,
        userVerified: true,
        name: 'Security key',
        lastUsedAt: T0 + 5,
      });
      await storage().credentials.create(passkey);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), passkey);
      assert.deepEqual(await storage().credentials.getByCredentialId(tenantId, credentialId), passkey);
    });

    it('matches credential ids exactly: no prefix and no one-byte difference', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId);
      await storage().credentials.create(passkey);
      const flipped = passkey.credentialId.slice();
      flipped[0] = (flipped[0] as number) ^ 1;
      assert.equal(await storage().credentials.getByCredentialId(tenantId, passkey.credentialId.slice(0, 31)), null);
      assert.equal(await storage().credentials.getByCredentialId(tenantId, flipped), null);
    });

    it('reads back each kind of credential with exactly its own fields', async () => {
      const { tenantId, userId } = await owner();
      const credentials = [
        fixtures.credential(tenantId, userId, { enrolledVia: 'biokey', deviceId: 'device-with-passkey', name: 'rawid' }),
        fixtures.deviceKey(tenantId, userId, { origin: { enrolledVia: 'swapbits', platform: 'iOS' }, algorithm: 'P-256', name: 'iPhone' }),
        fixtures.deviceKey(tenantId, userId, { origin: { enrolledVia: 'biokey' }, algorithm: 'Ed25519', publicKey: fixtures.bytes(44), name: 'rawid' }),
        fixtures.deviceKey(tenantId, userId, { origin: { enrolledVia: 'duo' }, deviceId: 'ab'.repeat(65), lastUsedAt: T0 + 9 }),
        fixtures.legacyIdentity(tenantId, userId, { status: 'revoked', revokedAt: T0 + 3 }),
      ];
      for (const credential of credentials) await storage().credentials.create(credential);
      for (const credential of credentials) assert.deepEqual(await storage().credentials.getById(tenantId, credential.id), credential);
      assert.deepEqual(await storage().credentials.listByUser(tenantId, userId, 'legacy_identity'), [credentials[4]]);
    });

    it('lists by user (optionally by kind) in creation order, and finds a device key by device id', async () => {
      const { tenantId, userId } = await owner();
      const device = fixtures.deviceKey(tenantId, userId, { deviceId: 'device-1', createdAt: T0 + 2 });
      const passkey = fixtures.credential(tenantId, userId, { createdAt: T0 + 1 });
      await storage().credentials.create(device);
      await storage().credentials.create(passkey);
      assert.deepEqual(await storage().credentials.listByUser(tenantId, userId), [passkey, device]);
      assert.deepEqual(await storage().credentials.listByUser(tenantId, userId, 'device_key'), [device]);
      assert.deepEqual(await storage().credentials.getByDevice(tenantId, userId, 'device_key', 'device-1'), device);
      assert.equal(await storage().credentials.getByDevice(tenantId, userId, 'passkey', 'device-1'), null);
      assert.equal(await storage().credentials.getByDevice(tenantId, userId, 'device_key', 'device-2'), null);
    });

    it('markUsed notes the time of use of a credential without a counter', async () => {
      const { tenantId, userId } = await owner();
      const device = fixtures.deviceKey(tenantId, userId);
      await storage().credentials.create(device);
      assert.equal(await storage().credentials.markUsed(tenantId, device.id, T0 + 70), true);
      assert.deepEqual(await storage().credentials.getById(tenantId, device.id), { ...device, lastUsedAt: T0 + 70 });
      assert.equal(await storage().credentials.markUsed(tenantId, fixtures.id(), T0 + 70), false);
    });

    it('reads a credential with its owner, and a user with their credentials of a kind, in one call each', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const user = fixtures.user(tenant.id, { username: 'joined-owner', status: 'disabled', emailVerified: true });
      await storage().users.create(user);
      const lonely = fixtures.user(tenant.id, { username: 'no-credentials' });
      await storage().users.create(lonely);
      const second = fixtures.credential(tenant.id, user.id, { createdAt: T0 + 2 });
      const first = fixtures.credential(tenant.id, user.id, { createdAt: T0 + 1, transports: ['internal'] });
      const device = fixtures.deviceKey(tenant.id, user.id, { deviceId: 'd', createdAt: T0 });
      for (const c of [second, first, device]) await storage().credentials.create(c);
      assert.deepEqual(await storage().credentials.getWithOwner(tenant.id, first.credentialId), { credential: first, owner: user });
      assert.equal(await storage().credentials.getWithOwner(tenant.id, fixtures.bytes(32)), null);
      assert.deepEqual(await storage().credentials.listByUsername(tenant.id, 'joined-owner', 'passkey'), { user, credentials: [first, second] });
      assert.deepEqual(await storage().credentials.listByUsername(tenant.id, 'joined-owner', 'device_key'), { user, credentials: [device] });
      assert.deepEqual(await storage().credentials.listByUsername(tenant.id, 'no-credentials', 'passkey'), { user: lonely, credentials: [] });
      assert.equal(await storage().credentials.listByUsername(tenant.id, 'nobody', 'passkey'), null);
      // Another tenant sees none of it.
      const other = fixtures.tenant();
      await storage().tenants.create(other);
      assert.equal(await storage().credentials.getWithOwner(other.id, first.credentialId), null);
      assert.equal(await storage().credentials.listByUsername(other.id, 'joined-owner', 'passkey'), null);
    });

    it('refuses a credential id registered in the tenant with credential_conflict', async () => {
      const { tenantId, userId } = await owner();
      const first = fixtures.credential(tenantId, userId);
      await storage().credentials.create(first);
      await assertDomainError(storage().credentials.create(fixtures.credential(tenantId, userId, { credentialId: first.credentialId })), 'credential_conflict');
      assert.deepEqual(await storage().credentials.listByUser(tenantId, userId), [first]);
      const other = await owner();
      const same = fixtures.credential(other.tenantId, other.userId, { credentialId: first.credentialId });
      await storage().credentials.create(same);
      assert.deepEqual(await storage().credentials.getByCredentialId(other.tenantId, first.credentialId), same);
    });

    it('recordUse applies the patch only when the stored counter is the expected one', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId, { signCount: 7 });
      await storage().credentials.create(passkey);
      const patch = { signCount: 8, backupEligible: true, backupState: true, lastUsedAt: T0 + 50 };
      assert.equal(await storage().credentials.recordUse(tenantId, passkey.id, 7, patch), true);
      const used: Credential = { ...passkey, ...patch };
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), used);
      const stale = { signCount: 9, backupEligible: false, backupState: false, lastUsedAt: T0 + 60 };
      assert.equal(await storage().credentials.recordUse(tenantId, passkey.id, 7, stale), false);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), used);
      assert.equal(await storage().credentials.recordUse(tenantId, fixtures.id(), 7, patch), false);
    });

    it('recordUse and markUsed refuse a credential revoked since it was read', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId, { signCount: 7 });
      await storage().credentials.create(passkey);
      assert.equal(await storage().credentials.setStatus(tenantId, passkey.id, 'revoked', T0 + 40), true);
      const patch = { signCount: 8, backupEligible: false, backupState: false, lastUsedAt: T0 + 50 };
      assert.equal(await storage().credentials.recordUse(tenantId, passkey.id, 7, patch), false);
      assert.equal(await storage().credentials.markUsed(tenantId, passkey.id, T0 + 50), false);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, status: 'revoked', revokedAt: T0 + 40 });
    });

    it('of 50 concurrent recordUse calls expecting the same counter, exactly one wins', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId, { signCount: 41 });
      await storage().credentials.create(passkey);
      const patches = Array.from({ length: 50 }, (_, i) => ({ signCount: 100 + i, backupEligible: i % 2 === 0, backupState: false, lastUsedAt: T0 + i }));
      const won = await Promise.all(patches.map((patch) => storage().credentials.recordUse(tenantId, passkey.id, 41, patch)));
      assert.equal(won.filter(Boolean).length, 1);
      const winner = patches[won.indexOf(true)];
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, ...winner });
    });

    it('setStatus is a transition that keeps the first revocation time', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId);
      await storage().credentials.create(passkey);
      assert.equal(await storage().credentials.setStatus(tenantId, passkey.id, 'revoked', T0 + 10), true);
      assert.equal(await storage().credentials.setStatus(tenantId, passkey.id, 'revoked', T0 + 20), false);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, status: 'revoked', revokedAt: T0 + 10 });
      assert.equal(await storage().credentials.setStatus(tenantId, passkey.id, 'active', T0 + 30), true);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), passkey);
      assert.equal(await storage().credentials.setStatus(tenantId, fixtures.id(), 'revoked', T0), false);
    });

    it('renames and deletes, reporting whether the credential existed', async () => {
      const { tenantId, userId } = await owner();
      const passkey = fixtures.credential(tenantId, userId);
      await storage().credentials.create(passkey);
      assert.equal(await storage().credentials.rename(tenantId, passkey.id, 'Laptop'), true);
      assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, name: 'Laptop' });
      assert.equal(await storage().credentials.rename(tenantId, fixtures.id(), 'x'), false);
      assert.equal(await storage().credentials.delete(tenantId, passkey.id), true);
      assert.equal(await storage().credentials.getById(tenantId, passkey.id), null);
      assert.equal(await storage().credentials.getByCredentialId(tenantId, passkey.credentialId), null);
      assert.equal(await storage().credentials.delete(tenantId, passkey.id), false);
    });
  });
}
