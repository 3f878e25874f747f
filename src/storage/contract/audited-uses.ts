import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { CredentialUsePatch } from '../../core/credential.ts';
import type { Storage } from '../../core/ports.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

type AuditedUse = (storage: Storage, tenantId: string, id: string, expected: number, patch: CredentialUsePatch, event: AuditEvent) => Promise<boolean>;

/**
 * The login's durable write: the counter's compare-and-set and its audit row, atomically. Two
 * shapes give the same guarantees: `recordUse` then `append` in one unit of work, and
 * `recordUseAudited` alone (one statement on PostgreSQL).
 */
const SHAPES: readonly (readonly [string, AuditedUse])[] = [
  [
    'recordUse and append in one unit of work',
    (storage, tenantId, id, expected, patch, event) =>
      storage.transaction(async (tx) => {
        if (!(await tx.credentials.recordUse(tenantId, id, expected, patch))) return false;
        await tx.audit.append(event);
        return true;
      }),
  ],
  ['recordUseAudited', (storage, tenantId, id, expected, patch, event) => storage.credentials.recordUseAudited(tenantId, id, expected, patch, event)],
];

export function describeAuditedUses({ storage, fixtures }: ContractContext): void {
  const passkeyOf = async (signCount: number) => {
    const tenant = fixtures.tenant();
    await storage().tenants.create(tenant);
    const user = fixtures.user(tenant.id);
    await storage().users.create(user);
    const passkey = fixtures.credential(tenant.id, user.id, { signCount });
    await storage().credentials.create(passkey);
    return { tenantId: tenant.id, passkey };
  };
  const use = (signCount: number, at: number): CredentialUsePatch => ({ signCount, backupEligible: false, backupState: false, lastUsedAt: at });

  for (const [shape, audited] of SHAPES) {
    const useAudited = (tenantId: string, id: string, expected: number, patch: CredentialUsePatch, event: AuditEvent): Promise<boolean> =>
      audited(storage(), tenantId, id, expected, patch, event);

    describe(`a use with its audit event: ${shape}`, () => {
      it('writes the event exactly when the use wins (not when the counter, the id or the status differs)', async () => {
        const { tenantId, passkey } = await passkeyOf(3);
        const patch = { signCount: 4, backupEligible: true, backupState: true, lastUsedAt: T0 + 5 };
        const won = fixtures.auditEvent(tenantId, { action: 'passkey.authenticated', at: T0 + 5, detail: { credentialId: 'won' } });
        assert.equal(await useAudited(tenantId, passkey.id, 3, patch, won), true);
        assert.equal(await useAudited(tenantId, passkey.id, 3, use(5, T0 + 6), fixtures.auditEvent(tenantId, { at: T0 + 6 })), false);
        assert.equal(await useAudited(tenantId, fixtures.id(), 4, use(5, T0 + 7), fixtures.auditEvent(tenantId, { at: T0 + 7 })), false);
        assert.equal(await storage().credentials.setStatus(tenantId, passkey.id, 'revoked', T0 + 8), true);
        assert.equal(await useAudited(tenantId, passkey.id, 4, use(5, T0 + 9), fixtures.auditEvent(tenantId, { at: T0 + 9 })), false);
        assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), [won]);
        assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, ...patch, status: 'revoked', revokedAt: T0 + 8 });
      });

      it('moves no counter when its audit event cannot be written', async () => {
        const { tenantId, passkey } = await passkeyOf(10);
        const taken = fixtures.auditEvent(tenantId, { at: T0 });
        await storage().audit.append(taken);
        // The same event id again: the insert fails, so the use must not stand either.
        const duplicate = { ...fixtures.auditEvent(tenantId, { at: T0 + 1 }), id: taken.id };
        await assert.rejects(useAudited(tenantId, passkey.id, 10, use(11, T0 + 1), duplicate));
        assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), passkey);
        assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), [taken]);
        // And the store goes on working.
        const next = fixtures.auditEvent(tenantId, { at: T0 + 2 });
        assert.equal(await useAudited(tenantId, passkey.id, 10, use(11, T0 + 2), next), true);
        assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), [next, taken]);
      });

      it('concurrent uses of different credentials each get their own answer', async () => {
        const [a, b, c] = [await passkeyOf(1), await passkeyOf(1), await passkeyOf(1)];
        const events = [a, b, c].map(({ tenantId }, i) => fixtures.auditEvent(tenantId, { at: T0 + 40 + i }));
        const won = await Promise.all([
          useAudited(a.tenantId, a.passkey.id, 1, use(2, T0 + 40), events[0] as AuditEvent),
          useAudited(b.tenantId, b.passkey.id, 7, use(8, T0 + 41), events[1] as AuditEvent),
          useAudited(c.tenantId, c.passkey.id, 1, use(2, T0 + 42), events[2] as AuditEvent),
        ]);
        assert.deepEqual(won, [true, false, true]);
        assert.deepEqual(await storage().audit.list(a.tenantId, { limit: 10 }), [events[0]]);
        assert.deepEqual(await storage().audit.list(b.tenantId, { limit: 10 }), []);
        assert.deepEqual(await storage().audit.list(c.tenantId, { limit: 10 }), [events[2]]);
        assert.deepEqual(await storage().credentials.getById(b.tenantId, b.passkey.id), b.passkey);
        assert.deepEqual(await storage().credentials.getById(c.tenantId, c.passkey.id), { ...c.passkey, ...use(2, T0 + 42) });
      });

      it('a use whose audit event cannot be written fails alone, beside concurrent uses that succeed', async () => {
        const [a, b] = [await passkeyOf(1), await passkeyOf(1)];
        const taken = fixtures.auditEvent(a.tenantId, { at: T0 + 50 });
        await storage().audit.append(taken);
        const fine = fixtures.auditEvent(b.tenantId, { at: T0 + 51 });
        const [failed, won] = await Promise.allSettled([
          useAudited(a.tenantId, a.passkey.id, 1, use(2, T0 + 50), { ...fixtures.auditEvent(a.tenantId, { at: T0 + 50 }), id: taken.id }),
          useAudited(b.tenantId, b.passkey.id, 1, use(2, T0 + 51), fine),
        ]);
        assert.equal(failed.status, 'rejected');
        assert.deepEqual(won, { status: 'fulfilled', value: true });
        assert.deepEqual(await storage().credentials.getById(a.tenantId, a.passkey.id), a.passkey);
        assert.deepEqual(await storage().audit.list(a.tenantId, { limit: 10 }), [taken]);
        assert.deepEqual(await storage().audit.list(b.tenantId, { limit: 10 }), [fine]);
      });

      it('of 50 concurrent uses expecting the same counter, one wins and one event is written', async () => {
        const { tenantId, passkey } = await passkeyOf(20);
        const calls = Array.from({ length: 50 }, (_, i) => ({ patch: use(21 + i, T0 + i), event: fixtures.auditEvent(tenantId, { at: T0 + i }) }));
        const won = await Promise.all(calls.map(({ patch, event }) => useAudited(tenantId, passkey.id, 20, patch, event)));
        assert.equal(won.filter(Boolean).length, 1);
        const winner = calls[won.indexOf(true)];
        assert.deepEqual(await storage().audit.list(tenantId, { limit: 100 }), [winner?.event]);
        assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), { ...passkey, ...winner?.patch });
      });
    });
  }

  it('recordUseAudited inside a unit of work is undone with it', async () => {
    const { tenantId, passkey } = await passkeyOf(30);
    const event = fixtures.auditEvent(tenantId, { at: T0 + 31 });
    await assert.rejects(
      storage().transaction(async (tx) => {
        assert.equal(await tx.credentials.recordUseAudited(tenantId, passkey.id, 30, use(31, T0 + 31), event), true);
        throw new Error('changed its mind');
      }),
      /changed its mind/,
    );
    assert.deepEqual(await storage().credentials.getById(tenantId, passkey.id), passkey);
    assert.deepEqual(await storage().audit.list(tenantId, { limit: 10 }), []);
  });
}
