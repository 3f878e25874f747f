import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NEUTRAL_ICON_DARK, NEUTRAL_ICON_LIGHT } from '../../core/passkeys/describe-authenticator.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { MGMT, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

const GPM = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const aaguidBytes = (aaguid: string) => new Uint8Array(Buffer.from(aaguid.replace(/-/g, ''), 'hex'));

describe('LoginID passkeys of the signed-in user, and AAGUID metadata', () => {
  let h: LoginIdHarness;
  let token: string;
  let passkeyId: string;
  before(async () => {
    h = await startLoginIdHarness();
    const reg = await h.register('keys@example.com', new SoftwareAuthenticator({ seed: 'keys', aaguid: aaguidBytes(GPM), backupEligible: true, backupState: true }));
    [token, passkeyId] = [reg.body.jwtAccess as string, reg.body.passkeyId as string];
  });
  after(() => h.close());
  const asUser = (t = token) => ({ authorization: t });

  it('lists passkeys as Passkey items, named after their provider', async () => {
    const res = await h.call('GET', '/fido2/v2/passkeys', undefined, asUser());
    assert.equal(res.status, 200, res.text);
    const created = new Date(h.s.clock.now()).toISOString().replace('.000Z', 'Z');
    const list = JSON.parse(res.text) as Record<string, unknown>[];
    assert.deepEqual(list, [{ id: passkeyId, name: 'Google Password Manager', aaguid: GPM, createdAt: created, credentialSynced: true, credentialId: list[0]?.credentialId, providerName: 'Google Password Manager' }]);
  });

  it('renames (PUT, 204) and deletes (DELETE, 204) its own passkey; another user’s is 404', async () => {
    const other = await h.register('other@example.com', new SoftwareAuthenticator({ seed: 'other' }));
    const foreign = await h.call('PUT', `/fido2/v2/passkeys/${other.body.passkeyId as string}`, { name: 'Mine now' }, asUser());
    assert.deepEqual([foreign.status, foreign.body], [404, { msg: 'Credential not found.', msgCode: 'not_found' }]);
    const renamed = await h.call('PUT', `/fido2/v2/passkeys/${passkeyId}`, { name: 'My iPhone SE' }, asUser());
    assert.deepEqual([renamed.status, renamed.text], [204, '']);
    const list = JSON.parse((await h.call('GET', '/fido2/v2/passkeys', undefined, asUser())).text) as { name: string }[];
    assert.equal(list[0]?.name, 'My iPhone SE');
    const empty = await h.call('PUT', `/fido2/v2/passkeys/${passkeyId}`, { name: '' }, asUser());
    assert.equal(empty.status, 400);
    assert.equal((await h.call('DELETE', `/fido2/v2/passkeys/${other.body.passkeyId as string}`, undefined, asUser())).status, 404);
    const deleted = await h.call('DELETE', `/fido2/v2/passkeys/${other.body.passkeyId as string}`, undefined, asUser(other.body.jwtAccess as string));
    assert.equal(deleted.status, 204);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys', undefined, asUser(other.body.jwtAccess as string))).text, '[]');
  });

  it('refuses missing, forged, expired and revoked tokens (401) and tokens without the scope (403)', async () => {
    assert.deepEqual(((r) => [r.status, r.body])(await h.call('GET', '/fido2/v2/passkeys')), [401, { msg: 'Authentication is required.', msgCode: 'unauthorized' }]);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys', undefined, { authorization: '' })).status, 401, 'an empty header is no header');
    const [head, body, sig] = token.split('.') as [string, string, string];
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: 'someone' })).toString('base64url')}.${sig}`;
    assert.deepEqual(((r) => [r.status, r.body.msgCode])(await h.call('GET', '/fido2/v2/passkeys', undefined, asUser(forged))), [401, 'unauthorized']);
    const readOnly = await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['passkey:read'], username: 'keys@example.com' }, MGMT);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys', undefined, asUser(readOnly.body.token as string))).status, 200);
    const refused = await h.call('PUT', `/fido2/v2/passkeys/${passkeyId}`, { name: 'x' }, asUser(readOnly.body.token as string));
    assert.deepEqual([refused.status, refused.body], [403, { msg: 'This credential may not perform this operation.', msgCode: 'forbidden' }]);
    const revoke = await h.app.inject({ method: 'POST', url: '/admin/v1/tokens/revoke', payload: { token: readOnly.body.token }, headers: MGMT });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys', undefined, asUser(readOnly.body.token as string))).status, 401);
    const short = await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['passkey:read'], username: 'keys@example.com' }, MGMT);
    h.s.clock.advance(900_000);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys', undefined, asUser(short.body.token as string))).status, 401, 'expired');
    h.s.clock.advance(-900_000);
  });

  it('answers AAGUID metadata {id, name, iconLight, iconDark}; unknown 404, malformed 400', async () => {
    const res = await h.call('GET', `/fido2/v2/passkeys/aaguid/${GPM}`, undefined, asUser());
    assert.deepEqual([res.status, res.body], [200, { id: GPM, name: 'Google Password Manager', iconLight: NEUTRAL_ICON_LIGHT, iconDark: NEUTRAL_ICON_DARK }]);
    const mgmt = await h.call('GET', `/fido2/v2/mgmt/aaguid/${GPM.toUpperCase()}`, undefined, MGMT);
    assert.deepEqual([mgmt.status, mgmt.body], [200, res.body]);
    const unknown = await h.call('GET', '/fido2/v2/passkeys/aaguid/2a363a42-a397-4af0-b089-0935fc223017', undefined, asUser());
    assert.deepEqual([unknown.status, unknown.body.msgCode], [404, 'not_found']);
    assert.equal((await h.call('GET', '/fido2/v2/passkeys/aaguid/not-an-aaguid', undefined, asUser())).status, 400);
    assert.equal((await h.call('GET', `/fido2/v2/passkeys/aaguid/${GPM}`)).status, 401);
  });
});
