import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientDevice } from '../../core/devices/client-device.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** Client devices: exact round trips (info as JSON), upsert by id, listing order, deletion, tenant isolation. */
export function describeClientDevices({ storage, fixtures }: ContractContext): void {
  describe('client devices', () => {
    const seed = async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const user = fixtures.user(tenant.id);
      await storage().users.create(user);
      return { tenant, user };
    };
    const device = (tenantId: string, userId: string, lastUsedAt: number): ClientDevice => ({
      id: fixtures.id(), tenantId, userId, info: { clientType: 'browser', screenWidth: 1280, hasBluetooth: false }, createdAt: T0, lastUsedAt,
    });

    it('saves, reads back exactly, and replaces info and last use on a second save', async () => {
      const { tenant, user } = await seed();
      const d = device(tenant.id, user.id, T0);
      await storage().clientDevices.save(d);
      assert.deepEqual(await storage().clientDevices.get(tenant.id, d.id), d);
      const later = { ...d, info: { clientType: 'webview' }, createdAt: T0 + 99, lastUsedAt: T0 + 5 };
      await storage().clientDevices.save(later);
      assert.deepEqual(await storage().clientDevices.get(tenant.id, d.id), { ...later, createdAt: T0 }, 'creation time is kept');
    });

    it("lists a user's devices most recently used first, and deletes one or all", async () => {
      const { tenant, user } = await seed();
      const [a, b, c] = [device(tenant.id, user.id, T0 + 1), device(tenant.id, user.id, T0 + 3), device(tenant.id, user.id, T0 + 2)];
      for (const d of [a, b, c]) await storage().clientDevices.save(d);
      assert.deepEqual(await storage().clientDevices.listByUser(tenant.id, user.id), [b, c, a]);
      assert.equal(await storage().clientDevices.delete(tenant.id, b.id), true);
      assert.equal(await storage().clientDevices.delete(tenant.id, b.id), false);
      assert.equal(await storage().clientDevices.deleteByUser(tenant.id, user.id), 2);
      assert.deepEqual(await storage().clientDevices.listByUser(tenant.id, user.id), []);
    });

    it('never reads or deletes across tenants', async () => {
      const x = await seed();
      const y = await seed();
      const d = device(x.tenant.id, x.user.id, T0);
      await storage().clientDevices.save(d);
      assert.equal(await storage().clientDevices.get(y.tenant.id, d.id), null);
      assert.equal(await storage().clientDevices.delete(y.tenant.id, d.id), false);
      assert.equal(await storage().clientDevices.deleteByUser(y.tenant.id, x.user.id), 0);
      assert.deepEqual(await storage().clientDevices.get(x.tenant.id, d.id), d);
    });
  });
}
