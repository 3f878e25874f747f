import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeRevokedTokens({ storage, fixtures }: ContractContext): void {
  describe('revoked tokens', () => {
    it('reports a revoked jti in its tenant only; revoking twice is harmless', async () => {
      const [a, b] = [fixtures.tenant(), fixtures.tenant()];
      const jti = fixtures.id();
      await storage().revokedTokens.revoke(a.id, jti, T0 + 60_000);
      await storage().revokedTokens.revoke(a.id, jti, T0 + 60_000);
      assert.equal(await storage().revokedTokens.isRevoked(a.id, jti), true);
      assert.equal(await storage().revokedTokens.isRevoked(b.id, jti), false);
      assert.equal(await storage().revokedTokens.isRevoked(a.id, fixtures.id()), false);
    });

    it('purgeExpired deletes, across tenants, exactly the entries expired before now', async () => {
      // Far in the future, so entries other tests left behind are not counted.
      const now = T0 + 10 ** 12;
      const [a, b] = [fixtures.tenant(), fixtures.tenant()];
      const [expiredA, expiredB, live] = [fixtures.id(), fixtures.id(), fixtures.id()];
      await storage().revokedTokens.purgeExpired(now - 10_000);
      await storage().revokedTokens.revoke(a.id, expiredA, now - 2);
      await storage().revokedTokens.revoke(b.id, expiredB, now - 1);
      await storage().revokedTokens.revoke(a.id, live, now + 1);
      assert.equal(await storage().revokedTokens.purgeExpired(now), 2);
      assert.equal(await storage().revokedTokens.isRevoked(a.id, expiredA), false);
      assert.equal(await storage().revokedTokens.isRevoked(b.id, expiredB), false);
      assert.equal(await storage().revokedTokens.isRevoked(a.id, live), true);
      assert.equal(await storage().revokedTokens.purgeExpired(now), 0);
    });
  });
}
