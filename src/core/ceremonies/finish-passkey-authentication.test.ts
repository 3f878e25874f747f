import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import type { RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { finishPasskeyAuthentication } from './finish-passkey-authentication.ts';
import { startPasskeyAuthentication } from './start-passkey-authentication.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';

const rejectsWith = (promise: Promise<unknown>, code: string) => assert.rejects(promise, (error) => error instanceof DomainError && error.code === code);

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
    s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, RP_NAME: 'Example' } });
    tenant = s.core.tenants.defaultTenant();
    ctx = { requestId: null, ip: null, actor: 'anonymous', logger: s.logger };
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
