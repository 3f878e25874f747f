import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transaction } from '../../core/transactions/transaction.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** The transaction repository: exact round trips (evidence included), one decision per transaction, listing by type. */
export function describeTransactions({ storage, fixtures }: ContractContext): void {
  const seed = async (): Promise<{ tenant: Tenant; users: [User, User] }> => {
    const tenant = fixtures.tenant();
    await storage().tenants.create(tenant);
    const users: [User, User] = [fixtures.user(tenant.id), fixtures.user(tenant.id)];
    for (const u of users) await storage().users.create(u);
    return { tenant, users };
  };
  const decided = (tenantId: string, userId: string, n: number, type = 'duo.dsg-setup'): Transaction => ({
    tenantId,
    id: fixtures.id(),
    userId,
    type,
    payload: '0a',
    payloadHash: 'c'.repeat(64),
    nonce: null,
    status: n % 2 ? 'rejected' : 'approved',
    createdAt: T0 + n,
    expiresAt: null,
    decidedAt: T0 + n,
    evidence: { kind: 'mpc-session', deviceKey: `04${'11'.repeat(64)}`, instance: 'cd'.repeat(32) },
  });
  const pending = (tenantId: string, userId: string): Transaction => ({
    tenantId,
    id: fixtures.id(),
    userId,
    type: 'raw',
    payload: 'pay 10 € to Bob',
    payloadHash: 'a'.repeat(64),
    nonce: 'nonce-1',
    status: 'pending',
    createdAt: T0,
    expiresAt: T0 + 300_000,
    decidedAt: null,
    evidence: null,
  });

  describe('transactions', () => {
    it('round-trips a pending transaction and a decided one exactly', async () => {
      const { tenant, users: [a] } = await seed();
      const p = pending(tenant.id, a.id);
      const d = decided(tenant.id, a.id, 1);
      await storage().transactions.add(p);
      await storage().transactions.add(d);
      assert.deepEqual(await storage().transactions.get(tenant.id, p.id), p);
      assert.deepEqual(await storage().transactions.get(tenant.id, d.id), d);
      assert.equal(await storage().transactions.get(tenant.id, fixtures.id()), null);
    });

    it('decides a pending transaction once, keeping its evidence; a decided one is not changed', async () => {
      const { tenant, users: [a] } = await seed();
      const p = pending(tenant.id, a.id);
      await storage().transactions.add(p);
      const evidence = { kind: 'webauthn-assertion', credentialId: 'Y3JlZA', authenticatorData: 'YXV0aA', clientDataJSON: 'Y2Q', signature: 'c2ln', userHandle: null, userVerification: 'preferred' } as const;
      assert.equal(await storage().transactions.decide(tenant.id, p.id, { status: 'confirmed', decidedAt: T0 + 3, evidence }), true);
      assert.equal(await storage().transactions.decide(tenant.id, p.id, { status: 'rejected', decidedAt: T0 + 4, evidence: null }), false);
      assert.deepEqual(await storage().transactions.get(tenant.id, p.id), { ...p, status: 'confirmed', decidedAt: T0 + 3, evidence });
      assert.equal(await storage().transactions.decide(tenant.id, fixtures.id(), { status: 'expired', decidedAt: T0, evidence: null }), false, 'unknown id');
    });

    it('of concurrent decisions exactly one wins', async () => {
      const { tenant, users: [a] } = await seed();
      const p = pending(tenant.id, a.id);
      await storage().transactions.add(p);
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => storage().transactions.decide(tenant.id, p.id, { status: i % 2 ? 'confirmed' : 'rejected', decidedAt: T0 + i, evidence: null })));
      assert.equal(outcomes.filter(Boolean).length, 1);
    });

    it('lists a user’s transactions of one type newest first, up to the limit', async () => {
      const { tenant, users: [a, b] } = await seed();
      const mine = [decided(tenant.id, a.id, 1), decided(tenant.id, a.id, 2), decided(tenant.id, a.id, 3)];
      for (const t of [...mine, decided(tenant.id, b.id, 4), decided(tenant.id, a.id, 5, 'raw')]) await storage().transactions.add(t);
      assert.deepEqual(await storage().transactions.listByUser(tenant.id, a.id, 'duo.dsg-setup', 10), [...mine].reverse());
      assert.deepEqual(await storage().transactions.listByUser(tenant.id, a.id, 'duo.dsg-setup', 2), [mine[2], mine[1]]);
      assert.equal((await storage().transactions.listByUser(tenant.id, a.id, 'raw', 10)).length, 1);
    });

    it('never reads or decides across tenants', async () => {
      const x = await seed();
      const y = await seed();
      const p = pending(x.tenant.id, x.users[0].id);
      await storage().transactions.add(p);
      assert.equal(await storage().transactions.get(y.tenant.id, p.id), null);
      assert.equal(await storage().transactions.decide(y.tenant.id, p.id, { status: 'rejected', decidedAt: T0, evidence: null }), false);
      assert.deepEqual(await storage().transactions.listByUser(y.tenant.id, x.users[0].id, 'raw', 10), []);
      assert.equal((await storage().transactions.get(x.tenant.id, p.id))?.status, 'pending');
    });
  });
}
