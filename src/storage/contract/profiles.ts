import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppSigningKeyRecord } from '../../core/accounts/app-signing-key.ts';
import type { UserProfile } from '../../core/accounts/user-profile.ts';
import type { Credential } from '../../core/credential.ts';
import type { User } from '../../core/user.ts';
import { assertDomainError, type ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeProfiles({ storage, fixtures }: ContractContext): void {
  const profileOf = (tenantId: string, userId: string, overrides: Partial<UserProfile> = {}): UserProfile => ({
    tenantId,
    userId,
    userName: null,
    locale: 'EN',
    loginProvider: 'handle',
    lastLoginAt: null,
    updatedAt: T0,
    ...overrides,
  });

  // An account is made as createAccount makes it: user, first credential and profile in one unit of work.
  const create = (user: User, credential: Credential | null, profile: UserProfile): Promise<void> =>
    storage().transaction(async (s) => {
      await s.users.create(user);
      if (credential !== null) await s.credentials.create(credential);
      await s.profiles.put(profile);
    });
  // The port asks for a unit of work around a whole-account deletion.
  const deleteUser = (tenantId: string, userId: string): Promise<boolean> => storage().transaction((s) => s.accounts.deleteUser(tenantId, userId));

  describe('accounts and profiles', () => {
    it('creates user, passkey and profile in one unit of work, every field exact', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const user = fixtures.user(t.id);
      const credential = fixtures.credential(t.id, user.id);
      const profile = profileOf(t.id, user.id, { userName: 'ada', lastLoginAt: T0 + 5 });
      await create(user, credential, profile);
      assert.deepEqual(await storage().users.getById(t.id, user.id), user);
      assert.deepEqual(await storage().credentials.getById(t.id, credential.id), credential);
      assert.deepEqual(await storage().profiles.get(t.id, user.id), profile);
      assert.equal(await storage().profiles.findUserIdByUserName(t.id, 'ada'), user.id);
    });

    it('leaves nothing behind when the username or the credential id is taken', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const first = fixtures.user(t.id);
      const credential = fixtures.credential(t.id, first.id);
      await create(first, credential, profileOf(t.id, first.id));
      const sameName = fixtures.user(t.id, { username: first.username });
      await assertDomainError(create(sameName, null, profileOf(t.id, sameName.id)), 'username_taken');
      assert.equal(await storage().users.getById(t.id, sameName.id), null);
      const other = fixtures.user(t.id);
      const reused = fixtures.credential(t.id, other.id, { credentialId: credential.credentialId });
      await assertDomainError(create(other, reused, profileOf(t.id, other.id)), 'credential_conflict');
      assert.equal(await storage().users.getById(t.id, other.id), null, 'no orphan user');
      assert.equal(await storage().profiles.get(t.id, other.id), null, 'no orphan profile');
    });

    it('two concurrent sign-ups of one username: exactly one account exists, whole', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const users = [fixtures.user(t.id, { username: 'same@example.com' }), fixtures.user(t.id, { username: 'same@example.com' })];
      const outcomes = await Promise.allSettled(users.map((u) => create(u, fixtures.credential(t.id, u.id), profileOf(t.id, u.id))));
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      await assertDomainError(Promise.reject(lost.reason), 'username_taken');
      const winner = users[outcomes.findIndex((o) => o.status === 'fulfilled')];
      const loser = users[outcomes.findIndex((o) => o.status === 'rejected')];
      assert.ok(winner && loser);
      assert.equal((await storage().users.getByUsername(t.id, 'same@example.com'))?.id, winner.id);
      assert.equal((await storage().credentials.listByUser(t.id, winner.id)).length, 1);
      assert.deepEqual(await storage().credentials.listByUser(t.id, loser.id), []);
      assert.equal(await storage().profiles.get(t.id, loser.id), null);
    });

    it('keeps user names unique per tenant, and lets a user keep or change theirs', async () => {
      const [a, b] = [fixtures.tenant(), fixtures.tenant()];
      await storage().tenants.create(a);
      await storage().tenants.create(b);
      const [u1, u2, u3] = [fixtures.user(a.id), fixtures.user(a.id), fixtures.user(b.id)];
      for (const [u, t] of [[u1, a], [u2, a], [u3, b]] as const) await create(u, null, profileOf(t.id, u.id));
      await storage().profiles.put(profileOf(a.id, u1.id, { userName: 'grace', updatedAt: T0 + 1 }));
      await assertDomainError(storage().profiles.put(profileOf(a.id, u2.id, { userName: 'grace' })), 'username_taken');
      await storage().profiles.put(profileOf(b.id, u3.id, { userName: 'grace' }));
      await storage().profiles.put(profileOf(a.id, u1.id, { userName: 'grace', locale: 'FR', updatedAt: T0 + 2 }));
      assert.deepEqual(await storage().profiles.get(a.id, u1.id), profileOf(a.id, u1.id, { userName: 'grace', locale: 'FR', updatedAt: T0 + 2 }));
      assert.equal(await storage().profiles.findUserIdByUserName(a.id, 'grace'), u1.id);
      assert.equal(await storage().profiles.findUserIdByUserName(b.id, 'grace'), u3.id);
      assert.equal(await storage().profiles.findUserIdByUserName(a.id, 'nobody'), null);
    });

    it('deletes a user with credentials, profile and external identities, within its tenant only', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const [gone, kept] = [fixtures.user(t.id), fixtures.user(t.id)];
      const [c1, c2] = [fixtures.credential(t.id, gone.id), fixtures.credential(t.id, kept.id)];
      await create(gone, c1, profileOf(t.id, gone.id));
      await create(kept, c2, profileOf(t.id, kept.id));
      await storage().externalIdentities.link({ tenantId: t.id, issuer: 'https://accounts.google.com', subject: 's1', userId: gone.id, createdAt: T0 });
      const stranger = fixtures.tenant();
      await storage().tenants.create(stranger);
      assert.equal(await deleteUser(stranger.id, gone.id), false);
      assert.equal(await deleteUser(t.id, gone.id), true);
      assert.equal(await storage().users.getById(t.id, gone.id), null);
      assert.equal(await storage().credentials.getById(t.id, c1.id), null);
      assert.equal(await storage().profiles.get(t.id, gone.id), null);
      assert.equal(await storage().externalIdentities.findUserId(t.id, 'https://accounts.google.com', 's1'), null);
      assert.deepEqual(await storage().credentials.getById(t.id, c2.id), c2);
      assert.equal(await deleteUser(t.id, gone.id), false);
    });

    it('lists app signing keys newest first and retires them once', async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      const key = (kid: string, createdAt: number): AppSigningKeyRecord => ({
        kid,
        tenantId: t.id,
        publicPem: `-----BEGIN PUBLIC KEY-----\n${kid}\n-----END PUBLIC KEY-----\n`,
        sealedPrivateKey: `s1.sealed.${kid}`,
        status: 'active',
        createdAt,
        retiredAt: null,
      });
      const [older, newer] = [key('k-old', T0 + 1), key('k-new', T0 + 2)];
      await storage().appSigningKeys.create(older);
      await storage().appSigningKeys.create(newer);
      assert.deepEqual(await storage().appSigningKeys.listByTenant(t.id), [newer, older]);
      assert.equal(await storage().appSigningKeys.retire(t.id, 'k-old', T0 + 9), true);
      assert.equal(await storage().appSigningKeys.retire(t.id, 'k-old', T0 + 10), false);
      assert.deepEqual(await storage().appSigningKeys.listByTenant(t.id), [newer, { ...older, status: 'retired', retiredAt: T0 + 9 }]);
      assert.deepEqual(await storage().appSigningKeys.listByTenant(fixtures.id()), []);
    });
  });
}
