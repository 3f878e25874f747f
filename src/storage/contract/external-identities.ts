import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeExternalIdentities({ storage, fixtures }: ContractContext): void {
  describe('external identities', () => {
    it('maps (issuer, subject) to a user within its tenant only', async () => {
      const [a, b] = [fixtures.tenant(), fixtures.tenant()];
      await storage().tenants.create(a);
      await storage().tenants.create(b);
      const [ua, ub] = [fixtures.user(a.id), fixtures.user(b.id)];
      await storage().users.create(ua);
      await storage().users.create(ub);
      const iss = 'https://idp.example.com/';
      assert.equal(await storage().externalIdentities.findUserId(a.id, iss, 'auth0|1'), null);
      assert.equal(await storage().externalIdentities.link({ tenantId: a.id, issuer: iss, subject: 'auth0|1', userId: ua.id, createdAt: T0 }), ua.id);
      assert.equal(await storage().externalIdentities.findUserId(a.id, iss, 'auth0|1'), ua.id);
      assert.equal(await storage().externalIdentities.findUserId(b.id, iss, 'auth0|1'), null);
      assert.equal(await storage().externalIdentities.findUserId(a.id, 'https://other.example.com/', 'auth0|1'), null);
      assert.equal(await storage().externalIdentities.link({ tenantId: b.id, issuer: iss, subject: 'auth0|1', userId: ub.id, createdAt: T0 }), ub.id);
    });

    it('keeps the first link when two race, and tells both callers which user won', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const users = [fixtures.user(t.id), fixtures.user(t.id)];
      for (const u of users) await storage().users.create(u);
      const results = await Promise.all(users.map((u) => storage().externalIdentities.link({ tenantId: t.id, issuer: 'https://idp/', subject: 's', userId: u.id, createdAt: T0 })));
      assert.equal(results[0], results[1]);
      assert.ok(users.some((u) => u.id === results[0]));
      assert.equal(await storage().externalIdentities.findUserId(t.id, 'https://idp/', 's'), results[0]);
    });
  });
}
