import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { passkeyRecord } from '../../testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import { finishPasskeyAuthentication } from './finish-passkey-authentication.ts';
import { startPasskeyAuthentication } from './start-passkey-authentication.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';

const rejectsWith = (promise: Promise<unknown>, code: string) => assert.rejects(promise, (error) => error instanceof DomainError && error.code === code);

/** Services on SQLite and memory, their default tenant, and an anonymous request's context. */
async function startServices(): Promise<{ s: TestServices; tenant: Tenant; ctx: RequestContext }> {
  const s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, RP_NAME: 'Example' } });
  return { s, tenant: s.core.tenants.defaultTenant(), ctx: { requestId: null, ip: null, actor: 'anonymous', logger: s.logger } };
}

// The result step spends the challenge and reads the passkey at the same time; these pin down
// what that must not change: which failure is reported, what is audited, what is spent.
describe('finishPasskeyAuthentication: the challenge and the passkey read together', () => {
  let s: TestServices;
  let tenant: Tenant;
  let ctx: RequestContext;
  const stranger = new SoftwareAuthenticator({ seed: 'finish-stranger' });
  const assertionFor = (challenge: string) => stranger.authenticate({ challenge, rpId: RP_ID, origin: ORIGIN });
  const failures = async () => (await s.core.storage.audit.list(tenant.id, { limit: 100, action: 'passkey.authenticated', outcome: 'failure' })).length;

  before(async () => {
    ({ s, tenant, ctx } = await startServices());
  });
  after(async () => {
    await s.dispose();
  });

  it('reports an unknown challenge first, whether the response is unreadable or names no passkey, and audits neither', async () => {
    const before = await failures();
    await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, 'no-such-session', { id: 'x' }), 'challenge_not_found');
    await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, 'no-such-session', assertionFor('AAAA')), 'challenge_not_found');
    assert.equal(await failures(), before);
  });

  it('reports an unknown challenge, not the failure of the passkey read started beside it', async () => {
    const { getWithOwner } = s.core.storage.credentials;
    s.core.storage.credentials.getWithOwner = () => Promise.reject(new DomainError('service_unavailable', { detail: 'database down' }));
    try {
      // An unhandled rejection of the read would fail this test file.
      await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, 'no-such-session', assertionFor('AAAA')), 'challenge_not_found');
      const start = await startPasskeyAuthentication(s.core, tenant, {});
      await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, start.session, assertionFor(start.options.challenge)), 'service_unavailable');
    } finally {
      s.core.storage.credentials.getWithOwner = getWithOwner;
    }
  });

  it('with a live challenge, reports an unreadable response or an unknown passkey, audits it, and spends the challenge', async () => {
    const before = await failures();
    const first = await startPasskeyAuthentication(s.core, tenant, {});
    await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, first.session, { id: 'x' }), 'invalid_request');
    const second = await startPasskeyAuthentication(s.core, tenant, {});
    await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, second.session, assertionFor(second.options.challenge)), 'credential_not_found');
    assert.equal(await failures(), before + 2);
    await rejectsWith(finishPasskeyAuthentication(s.core, ctx, tenant, second.session, assertionFor(second.options.challenge)), 'challenge_not_found');
  });
});

// A login's read may come from a node's copy that another node's login made stale (the cache
// tells other nodes nothing of a counter move): the compare-and-set is then lost, and the
// counter judged again against a fresh read. A read one login behind is made here by hand.
describe('finishPasskeyAuthentication: a counter that moved since the read', () => {
  let s: TestServices;
  let tenant: Tenant;
  let ctx: RequestContext;
  let seq = 0;

  before(async () => {
    ({ s, tenant, ctx } = await startServices());
  });
  after(async () => {
    await s.dispose();
  });

  /** A user whose passkey has been used three times (stored counter 3). */
  async function holder(): Promise<{ user: User; authenticator: SoftwareAuthenticator; id: string }> {
    seq += 1;
    const user = await createUser(s.core, ctx, tenant, { username: `mover-${seq}` });
    const authenticator = new SoftwareAuthenticator({ seed: `mover-${seq}`, initialSignCount: 3 });
    const id = `mover-cred-${seq}`;
    await s.core.storage.credentials.create(passkeyRecord(authenticator, { id, tenantId: tenant.id, userId: user.id, signCount: 3 }));
    return { user, authenticator, id };
  }
  const login = async (user: User, authenticator: SoftwareAuthenticator, signCount?: number) => {
    const start = await startPasskeyAuthentication(s.core, tenant, { username: user.username });
    const response = authenticator.authenticate({ challenge: start.options.challenge, rpId: RP_ID, origin: ORIGIN, ...(signCount === undefined ? {} : { tamper: { signCount } }) });
    return finishPasskeyAuthentication(s.core, ctx, tenant, start.session, response);
  };
  /** The next read of a passkey answers with its counter at 1; then `meanwhile` runs. Returns the reads made. */
  function staleRead(meanwhile: () => Promise<unknown> = async () => {}): { reads: () => number; restore: () => void } {
    const credentials = s.core.storage.credentials;
    const { getWithOwner } = credentials;
    let reads = 0;
    credentials.getWithOwner = async (tenantId, credentialId) => {
      reads += 1;
      const found = await getWithOwner(tenantId, credentialId);
      if (reads > 1 || found === null) return found;
      await meanwhile();
      return { ...found, credential: { ...(found.credential as PasskeyCredential), signCount: 1 } };
    };
    return { reads: () => reads, restore: () => void (credentials.getWithOwner = getWithOwner) };
  }
  const storedCount = async (id: string) => ((await s.core.storage.credentials.getById(tenant.id, id)) as PasskeyCredential).signCount;
  const audited = async (userId: string, outcome: 'success' | 'failure') =>
    (await s.core.storage.audit.list(tenant.id, { limit: 100, action: 'passkey.authenticated', outcome })).filter((e) => e.subject === `user:${userId}`).map((e) => (e.detail as { code?: string }).code ?? null);

  it('logs in when its read was behind the stored counter: judged again against a fresh read, moved and audited once', async () => {
    const { user, authenticator, id } = await holder();
    const stale = staleRead();
    try {
      const done = await login(user, authenticator);
      assert.equal(done.user.id, user.id);
      assert.equal(stale.reads(), 2, 'read again after the lost compare-and-set');
    } finally {
      stale.restore();
    }
    assert.equal(await storedCount(id), 4);
    assert.deepEqual(await audited(user.id, 'success'), [null]);
  });

  it('refuses sign_count_regressed when the new counter is not ahead of the fresh one either (a replay or a clone)', async () => {
    const { user, authenticator, id } = await holder();
    const stale = staleRead();
    try {
      await rejectsWith(login(user, authenticator, 3), 'sign_count_regressed');
    } finally {
      stale.restore();
    }
    assert.equal(await storedCount(id), 3);
    assert.deepEqual([await audited(user.id, 'success'), await audited(user.id, 'failure')], [[], ['sign_count_regressed']]);
  });

  it('refuses as a fresh read would when the passkey was revoked or deleted, or its owner disabled, since the read', async () => {
    const cases: [string, (user: User, id: string) => Promise<unknown>][] = [
      ['credential_revoked', (_user, id) => s.core.storage.credentials.setStatus(tenant.id, id, 'revoked', s.clock.now())],
      ['credential_not_found', (_user, id) => s.core.storage.credentials.delete(tenant.id, id)],
      ['user_disabled', (user) => s.core.storage.users.update(tenant.id, user.id, { status: 'disabled', updatedAt: s.clock.now() })],
    ];
    for (const [code, change] of cases) {
      const { user, authenticator, id } = await holder();
      const stale = staleRead(() => change(user, id));
      try {
        await rejectsWith(login(user, authenticator), code);
      } finally {
        stale.restore();
      }
      assert.deepEqual(await audited(user.id, 'failure'), [code]);
    }
  });

  it('refuses sign_count_regressed when the second compare-and-set is lost too', async () => {
    const { user, authenticator } = await holder();
    const credentials = s.core.storage.credentials;
    const { recordUseAudited } = credentials;
    const expected: number[] = [];
    credentials.recordUseAudited = async (_tenantId, _id, expectedSignCount) => (expected.push(expectedSignCount), false);
    try {
      await rejectsWith(login(user, authenticator), 'sign_count_regressed');
    } finally {
      credentials.recordUseAudited = recordUseAudited;
    }
    assert.deepEqual(expected, [3, 3], 'tried once more, against the fresh counter');
  });
});
