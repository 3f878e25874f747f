import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, isDomainError } from '../../core/errors.ts';
import type { Storage } from '../../core/ports.ts';
import type { User } from '../../core/user.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** The unit of work (`Storage.transaction`): all of its writes or none, and races it settles. */
export function describeUnitsOfWork({ storage, fixtures }: ContractContext): void {
  describe('units of work', () => {
    const tenantOf = async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      return tenant.id;
    };

    it('commits every write when the work resolves, and answers with its value', async () => {
      const tenantId = await tenantOf();
      const user = fixtures.user(tenantId);
      const credential = fixtures.credential(tenantId, user.id);
      const event = fixtures.auditEvent(tenantId);
      const answer = await storage().transaction(async (tx) => {
        await tx.users.create(user);
        await tx.credentials.create(credential);
        await tx.audit.append(event);
        // Inside the unit, its own writes are visible.
        assert.deepEqual(await tx.credentials.getByCredentialId(tenantId, credential.credentialId), credential);
        return 'done';
      });
      assert.equal(answer, 'done');
      assert.deepEqual(await storage().users.getById(tenantId, user.id), user);
      assert.deepEqual(await storage().credentials.getById(tenantId, credential.id), credential);
      assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), [event]);
    });

    it('rolls every write back when the work throws, and rethrows that very error', async () => {
      const tenantId = await tenantOf();
      const user = fixtures.user(tenantId);
      const failure = new DomainError('invalid_request', { detail: 'changed its mind' });
      await assert.rejects(
        storage().transaction(async (tx) => {
          await tx.users.create(user);
          await tx.credentials.create(fixtures.credential(tenantId, user.id));
          await tx.audit.append(fixtures.auditEvent(tenantId));
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.equal(await storage().users.getById(tenantId, user.id), null);
      assert.deepEqual(await storage().credentials.listByUser(tenantId, user.id), []);
      assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), []);
    });

    it('a unit opened inside another joins it: both commit or neither', async () => {
      const tenantId = await tenantOf();
      const user = fixtures.user(tenantId);
      await assert.rejects(
        storage().transaction(async (tx) => {
          await tx.transaction(async (inner) => inner.users.create(user));
          throw new Error('outer fails');
        }),
        /outer fails/,
      );
      assert.equal(await storage().users.getById(tenantId, user.id), null);
    });

    /** Registration's shape: check the credential id, create the user, then the credential. */
    const register = (tenantId: string, user: User, credentialId: Uint8Array) =>
      storage().transaction(async (tx: Storage) => {
        if (await tx.credentials.getByCredentialId(tenantId, credentialId)) throw new DomainError('credential_conflict');
        await tx.users.create(user);
        await tx.credentials.create(fixtures.credential(tenantId, user.id, { credentialId }));
        return user.id;
      });

    const outcomes = async (attempts: Promise<string>[]) => {
      const settled = await Promise.allSettled(attempts);
      const codes = settled.map((s) => (s.status === 'fulfilled' ? 'ok' : isDomainError(s.reason) ? s.reason.code : String(s.reason)));
      return codes;
    };

    it('12 concurrent check-then-create units for one credential id: one commits, no user is left without it', async () => {
      const tenantId = await tenantOf();
      const credentialId = fixtures.bytes(32);
      const users = Array.from({ length: 12 }, () => fixtures.user(tenantId));
      const codes = await outcomes(users.map((user) => register(tenantId, user, credentialId)));
      assert.deepEqual(codes.filter((c) => c === 'ok').length, 1, codes.join());
      assert.deepEqual(codes.filter((c) => c !== 'ok').sort(), Array<string>(11).fill('credential_conflict'));
      const stored = await storage().users.list(tenantId, { limit: 100 });
      assert.deepEqual(stored.map((u) => u.id), [users[codes.indexOf('ok')]?.id]);
    });

    it('12 concurrent units creating one username with different credentials: one commits, no orphan credential', async () => {
      const tenantId = await tenantOf();
      const username = `race-${fixtures.id()}`;
      const users = Array.from({ length: 12 }, () => fixtures.user(tenantId, { username }));
      const codes = await outcomes(users.map((user) => register(tenantId, user, fixtures.bytes(32))));
      assert.equal(codes.filter((c) => c === 'ok').length, 1, codes.join());
      assert.deepEqual(codes.filter((c) => c !== 'ok').sort(), Array<string>(11).fill('username_taken'));
      const winner = users[codes.indexOf('ok')] as User;
      assert.deepEqual(await storage().users.list(tenantId, { limit: 100 }), [winner]);
      for (const user of users) {
        assert.equal((await storage().credentials.listByUser(tenantId, user.id)).length, user === winner ? 1 : 0);
      }
    });

    it('12 concurrent units replacing the active key of one device leave exactly one active key', async () => {
      const tenantId = await tenantOf();
      const user = fixtures.user(tenantId);
      await storage().users.create(user);
      const first = fixtures.deviceKey(tenantId, user.id, { deviceId: 'contested-device' });
      await storage().credentials.create(first);
      // Enrollment's shape: revoke the device's active keys, then add the new one.
      const replace = (at: number) =>
        storage().transaction(async (tx) => {
          for (const old of await tx.credentials.listByUser(tenantId, user.id, 'device_key')) {
            if (old.deviceId === 'contested-device' && old.status === 'active') await tx.credentials.setStatus(tenantId, old.id, 'revoked', at);
          }
          const key = fixtures.deviceKey(tenantId, user.id, { deviceId: 'contested-device', createdAt: at });
          await tx.credentials.create(key);
          return key.id;
        });
      const codes = await outcomes(Array.from({ length: 12 }, (_, i) => replace(T0 + 100 + i)));
      assert.ok(codes.includes('ok'), codes.join());
      assert.deepEqual(codes.filter((c) => c !== 'ok' && c !== 'credential_conflict'), []);
      const keys = await storage().credentials.listByUser(tenantId, user.id, 'device_key');
      assert.equal(keys.filter((k) => k.status === 'active').length, 1);
      assert.equal(keys.length, 1 + codes.filter((c) => c === 'ok').length, 'a failed unit leaves no key behind');
    });

    it('allows one active device key per device and dialect, in the schema itself', async () => {
      const tenantId = await tenantOf();
      const user = fixtures.user(tenantId);
      await storage().users.create(user);
      await storage().credentials.create(fixtures.deviceKey(tenantId, user.id, { deviceId: 'one' }));
      await assert.rejects(storage().credentials.create(fixtures.deviceKey(tenantId, user.id, { deviceId: 'one' })), { code: 'credential_conflict' });
      // Another dialect's key, a revoked key, and a passkey beside the device are not limited by it.
      await storage().credentials.create(fixtures.deviceKey(tenantId, user.id, { deviceId: 'one', origin: { enrolledVia: 'biokey' }, algorithm: 'Ed25519' }));
      await storage().credentials.create(fixtures.deviceKey(tenantId, user.id, { deviceId: 'one', status: 'revoked', revokedAt: T0 }));
      await storage().credentials.create(fixtures.credential(tenantId, user.id, { deviceId: 'one', enrolledVia: 'swapbits' }));
      assert.equal((await storage().credentials.listByUser(tenantId, user.id)).length, 4);
    });
  });
}
