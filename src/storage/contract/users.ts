import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { User } from '../../core/user.ts';
import { assertDomainError } from './context.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeUsers({ storage, fixtures }: ContractContext): void {
  describe('users', () => {
    const tenant = async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      return t;
    };

    it('reads a created user back by id and by username, booleans and nulls exact', async () => {
      const t = await tenant();
      const full = fixtures.user(t.id, { email: 'ann@example.com', emailVerified: true, phone: '+15550100', phoneVerified: false });
      const bare = fixtures.user(t.id, { status: 'disabled', phoneVerified: true });
      for (const user of [full, bare]) {
        await storage().users.create(user);
        assert.deepEqual(await storage().users.getById(t.id, user.id), user);
        assert.deepEqual(await storage().users.getByUsername(t.id, user.username), user);
      }
    });

    it('returns null for an unknown id or username', async () => {
      const t = await tenant();
      assert.equal(await storage().users.getById(t.id, fixtures.id()), null);
      assert.equal(await storage().users.getByUsername(t.id, 'nobody'), null);
    });

    it('refuses a username taken in the tenant with username_taken', async () => {
      const t = await tenant();
      const first = fixtures.user(t.id, { username: 'alice' });
      await storage().users.create(first);
      await assertDomainError(storage().users.create(fixtures.user(t.id, { username: 'alice' })), 'username_taken');
      assert.deepEqual(await storage().users.getByUsername(t.id, 'alice'), first);
    });

    it('allows the same username in another tenant, and compares usernames case-sensitively', async () => {
      const [a, b] = [await tenant(), await tenant()];
      const inA = fixtures.user(a.id, { username: 'alice' });
      const inB = fixtures.user(b.id, { username: 'alice' });
      const upper = fixtures.user(a.id, { username: 'Alice' });
      for (const user of [inA, inB, upper]) await storage().users.create(user);
      assert.deepEqual(await storage().users.getByUsername(a.id, 'alice'), inA);
      assert.deepEqual(await storage().users.getByUsername(b.id, 'alice'), inB);
      assert.deepEqual(await storage().users.getByUsername(a.id, 'Alice'), upper);
    });

    it('update applies only the named fields and returns the stored user', async () => {
      const t = await tenant();
      const user = fixtures.user(t.id, { email: 'old@example.com', phone: '+15550101' });
      await storage().users.create(user);
      const renamed = await storage().users.update(t.id, user.id, { displayName: 'Renamed', updatedAt: T0 + 100 });
      assert.deepEqual(renamed, { ...user, displayName: 'Renamed', updatedAt: T0 + 100 });
      const patched = await storage().users.update(t.id, user.id, {
        email: null,
        emailVerified: true,
        phone: null,
        phoneVerified: true,
        status: 'disabled',
        updatedAt: T0 + 200,
      });
      const expected: User = { ...user, displayName: 'Renamed', email: null, emailVerified: true, phone: null, phoneVerified: true, status: 'disabled', updatedAt: T0 + 200 };
      assert.deepEqual(patched, expected);
      assert.deepEqual(await storage().users.getById(t.id, user.id), expected);
    });

    it('update returns null for an unknown user', async () => {
      const t = await tenant();
      assert.equal(await storage().users.update(t.id, fixtures.id(), { displayName: 'x', updatedAt: T0 }), null);
    });

    it('lists users in id order, a page at a time', async () => {
      const t = await tenant();
      const users = Array.from({ length: 5 }, () => fixtures.user(t.id));
      for (const user of users) await storage().users.create(user);
      const sorted = [...users].sort((x, y) => (x.id < y.id ? -1 : 1));
      const first = await storage().users.list(t.id, { limit: 2 });
      const second = await storage().users.list(t.id, { limit: 2, after: first[1]?.id });
      const rest = await storage().users.list(t.id, { limit: 10, after: second[1]?.id });
      assert.deepEqual([...first, ...second, ...rest], sorted);
      assert.equal(rest.length, 1);
    });
  });
}
