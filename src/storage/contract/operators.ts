import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperatorEnrollment } from '../../core/operators/operator.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeOperators({ storage, fixtures }: ContractContext): void {
  async function tenantWithUser() {
    const tenant = fixtures.tenant();
    await storage().tenants.create(tenant);
    const user = fixtures.user(tenant.id);
    await storage().users.create(user);
    return { tenant, user };
  }

  describe('operators', () => {
    it('puts, reads, lists, re-scopes and removes an operator, in its tenant only', async () => {
      const { tenant, user } = await tenantWithUser();
      const other = await tenantWithUser();
      await storage().operators.put({ tenantId: tenant.id, userId: user.id, scopes: ['*'], createdAt: T0 });
      assert.deepEqual(await storage().operators.get(tenant.id, user.id), { tenantId: tenant.id, userId: user.id, scopes: ['*'], createdAt: T0 });
      assert.equal(await storage().operators.get(other.tenant.id, user.id), null);
      assert.deepEqual(await storage().operators.list(other.tenant.id), []);

      await storage().operators.put({ tenantId: tenant.id, userId: user.id, scopes: ['users:read', 'audit:read'], createdAt: T0 + 5 });
      assert.deepEqual(await storage().operators.list(tenant.id), [{ tenantId: tenant.id, userId: user.id, scopes: ['users:read', 'audit:read'], createdAt: T0 }]);

      assert.equal(await storage().operators.remove(other.tenant.id, user.id), false);
      assert.equal(await storage().operators.remove(tenant.id, user.id), true);
      assert.equal(await storage().operators.get(tenant.id, user.id), null);
      assert.equal(await storage().operators.remove(tenant.id, user.id), false);
    });
  });

  describe('operator enrollment links', () => {
    const link = (tenantId: string, overrides: Partial<OperatorEnrollment> = {}): OperatorEnrollment => ({
      id: fixtures.id(),
      tenantId,
      secretHash: Buffer.from(fixtures.bytes(32)).toString('hex'),
      scopes: ['*'],
      createdAt: T0,
      expiresAt: T0 + 86_400_000,
      ...overrides,
    });

    it('finds a link by its digest in its tenant only; a new link replaces the old one', async () => {
      const { tenant } = await tenantWithUser();
      const other = await tenantWithUser();
      assert.equal(await storage().operatorEnrollments.exists(tenant.id), false);
      const first = link(tenant.id);
      await storage().operatorEnrollments.replace(first);
      assert.deepEqual(await storage().operatorEnrollments.find(tenant.id, first.secretHash), first);
      assert.equal(await storage().operatorEnrollments.find(other.tenant.id, first.secretHash), null);
      assert.equal(await storage().operatorEnrollments.exists(tenant.id), true);
      assert.equal(await storage().operatorEnrollments.exists(other.tenant.id), false);

      const second = link(tenant.id, { scopes: ['users:read'] });
      await storage().operatorEnrollments.replace(second);
      assert.equal(await storage().operatorEnrollments.find(tenant.id, first.secretHash), null);
      assert.deepEqual(await storage().operatorEnrollments.find(tenant.id, second.secretHash), second);
    });

    it('take: of two concurrent takers exactly one gets the link, and it is gone', async () => {
      const { tenant } = await tenantWithUser();
      const only = link(tenant.id);
      await storage().operatorEnrollments.replace(only);
      assert.equal(await storage().operatorEnrollments.take(tenant.id, link(tenant.id).secretHash), null);
      const results = await Promise.all([storage().operatorEnrollments.take(tenant.id, only.secretHash), storage().operatorEnrollments.take(tenant.id, only.secretHash)]);
      assert.deepEqual(results.filter((r) => r !== null), [only]);
      assert.equal(await storage().operatorEnrollments.find(tenant.id, only.secretHash), null);
      assert.equal(await storage().operatorEnrollments.exists(tenant.id), false);
    });
  });
}
