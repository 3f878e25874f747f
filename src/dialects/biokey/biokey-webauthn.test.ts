/**
 * BioKey's hardened fields as the SDK (biokey-js 0.1.1) sends them: a platform WebAuthn
 * credential created over a challenge the client chose itself, enrolled with `attestationObject`
 * + `clientDataJSON` and an opaque `publicKey` (a PRF output or a value derived from the
 * credential id); asserted at `/verify` (`authenticatorData`, `clientDataJSON`, `signature`).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import type { RegistrationRequest } from '../../testing/authenticator/software-authenticator.ts';
import { startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const RP = { rpId: 'app.example.com', origin: 'https://app.example.com' };
const FAILED = { status: 401, body: { error: 'Authentication failed' } };
const CONFLICT = { status: 409, body: { error: 'Already enrolled' } };

describe('BioKey with WebAuthn fields (the SDK 0.1.1 shape)', () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness();
  });
  after(() => h.close());

  const tenantId = () => h.s.core.tenants.defaultTenant().id;
  /** The SDK's enrollment: its own random creation challenge, its identity value as publicKey. */
  const enroll = (userId: string, authenticator: SoftwareAuthenticator, options: Partial<RegistrationRequest> & { publicKey?: string; deviceId?: string } = {}, headers: Record<string, string> = {}) => {
    const { response } = authenticator.register({ ...RP, challenge: randomBytes(32), ...options });
    const body = { userId, publicKey: options.publicKey ?? randomBytes(32).toString('hex'), deviceId: options.deviceId ?? 'browser-1', method: 'prf', attestationObject: response.attestationObject, clientDataJSON: response.clientDataJSON };
    return h.call('POST', '/enroll', body, headers).then((reply) => ({ reply, body }));
  };
  const assertion = async (userId: string, authenticator: SoftwareAuthenticator, options: { origin?: string; userVerified?: boolean; signedChallenge?: Buffer } = {}) => {
    const challenge = await h.challenge('', userId);
    const { response } = authenticator.authenticate({ ...RP, ...options, challenge: options.signedChallenge ?? Buffer.from(challenge, 'hex') });
    return { userId, challenge, authenticatorData: response.authenticatorData, clientDataJSON: response.clientDataJSON, signature: response.signature };
  };

  it('binds the attested credential, keeps publicKey sealed as the identity value, and echoes it at /verify', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-amy' });
    const identity = 'a1'.repeat(32);
    const { reply } = await enroll('amy', authenticator, { publicKey: identity });
    assert.deepEqual(reply, { status: 200, body: { ok: true, userId: 'amy', publicKey: identity, method: 'prf' } });
    const res = await h.call('POST', '/verify', await assertion('amy', authenticator));
    const { accessToken, expiresAt, ...rest } = res.body;
    assert.deepEqual([res.status, rest], [200, { verified: true, publicKey: identity, userId: 'amy', method: 'prf' }]);
    assert.equal(typeof accessToken, 'string');
    assert.equal(typeof expiresAt, 'string');
    const user = await h.s.core.storage.users.getByUsername(tenantId(), 'amy');
    const stored = await h.s.core.storage.credentials.listByUser(tenantId(), user?.id ?? '');
    assert.deepEqual(stored.map((c) => c.kind).sort(), ['legacy_identity', 'passkey'], 'the WebAuthn credential, and the identity value beside it');
    const passkey = stored.find((c) => c.kind === 'passkey');
    assert.deepEqual([passkey?.credentialId, passkey?.deviceId, passkey?.enrolledVia, passkey?.userVerified], [authenticator.credentialId, 'browser-1', 'biokey', true]);
    const value = stored.find((c) => c.kind === 'legacy_identity');
    assert.deepEqual([value?.deviceId, value?.enrolledVia, value?.status], ['browser-1', 'biokey', 'active']);
    for (const text of [Buffer.from(passkey?.publicKey ?? []).toString('latin1'), value?.sealedValue ?? '']) {
      assert.ok(!text.includes(identity) && !text.includes(Buffer.from(identity).toString('base64url')), 'the identity value is sealed at rest');
    }
    assert.equal((await h.call('POST', '/verify', await assertion('amy', authenticator))).status, 200, 'and signs in again');
  });

  it('refuses an assertion for another challenge, origin, without user verification, by another credential, or replayed', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-ben' });
    await enroll('ben', authenticator);
    const otherChallenge = Buffer.from(await h.challenge(), 'hex');
    assert.equal((await h.call('POST', '/verify', await assertion('ben', authenticator, { signedChallenge: otherChallenge }))).status, 401);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', authenticator, { origin: 'https://evil.example.com' })), FAILED);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', authenticator, { userVerified: false })), FAILED);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', new SoftwareAuthenticator({ seed: 'stranger' }))), FAILED);
    const good = await assertion('ben', authenticator);
    assert.equal((await h.call('POST', '/verify', good)).status, 200);
    assert.deepEqual(await h.call('POST', '/verify', good), { status: 401, body: { error: 'Invalid or expired challenge' } });
  });

  it('refuses a creation on a foreign origin or RP ID, without user presence or verification, of another type or with a bad attestation, and holds nothing', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-cat' });
    assert.deepEqual((await enroll('cat', authenticator, { origin: 'https://evil.example.com' })).reply, FAILED);
    assert.deepEqual((await enroll('cat', authenticator, { tamper: { rpIdHashOf: 'evil.example.com' } })).reply, FAILED);
    assert.deepEqual((await enroll('cat', authenticator, { userVerified: false })).reply, FAILED);
    // Flags AT and UV without UP (0x01): no user was present.
    assert.deepEqual((await enroll('cat', authenticator, { tamper: { flags: 0x44 } })).reply, FAILED);
    assert.deepEqual((await enroll('cat', authenticator, { tamper: { clientData: { type: 'webauthn.get' } } })).reply, FAILED);
    assert.deepEqual((await enroll('cat', authenticator, { attestation: 'packed-self', tamper: { corruptSignature: true } })).reply, { status: 400, body: { error: 'Invalid attestation' } });
    assert.deepEqual(await h.call('POST', '/verify', await assertion('cat', authenticator)), FAILED);
    assert.equal(await h.s.core.storage.users.getByUsername(tenantId(), 'cat'), null);
  });

  it('lets a replayed creation wait under another name, where it lapses unused, and binds a credential once', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-dan' });
    const { body } = await enroll('dan', authenticator);
    // A replay of dan's enrollment under another userId is held, but only dan's device can answer for it.
    assert.equal((await h.call('POST', '/enroll', { ...body, userId: 'eve' })).status, 200);
    assert.equal((await h.call('POST', '/verify', await assertion('dan', authenticator))).status, 200);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('eve', authenticator)), CONFLICT, 'the credential is bound to dan');
    assert.deepEqual((await h.call('POST', '/enroll', { ...body, userId: 'eve' })), CONFLICT);
  });

  it('refuses a creation for a confirmed userId without authority, and accepts it with a session of that user', async () => {
    const first = new SoftwareAuthenticator({ seed: 'biokey-fay' });
    await enroll('fay', first);
    const token = (await h.call('POST', '/verify', await assertion('fay', first))).body.accessToken as string;
    const second = new SoftwareAuthenticator({ seed: 'biokey-fay-2' });
    assert.deepEqual((await enroll('fay', second, { deviceId: 'laptop' })).reply, CONFLICT);
    assert.equal((await enroll('fay', second, { deviceId: 'laptop', publicKey: 'b2'.repeat(32) }, { authorization: `Bearer ${token}` })).reply.status, 200);
    const res = await h.call('POST', '/verify', await assertion('fay', second));
    assert.deepEqual([res.status, res.body['publicKey']], [200, 'b2'.repeat(32)]);
    assert.equal((await h.call('POST', '/verify', await assertion('fay', first))).status, 200, 'another device keeps its credential');
  });

  it('answers malformed WebAuthn fields and a publicKey that is not 64 characters with 400', async () => {
    const base = { userId: 'gus', publicKey: 'c3'.repeat(32), deviceId: 'd' };
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm' }), { status: 400, body: { error: 'Missing required fields: attestationObject, clientDataJSON' } });
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm', clientDataJSON: 'not json' }), { status: 400, body: { error: 'Invalid clientDataJSON' } });
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: randomBytes(32).toString('base64url') })).toString('base64url');
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm', clientDataJSON }), { status: 400, body: { error: 'Invalid attestation' } });
    const { response } = new SoftwareAuthenticator({ seed: 'biokey-gus' }).register({ ...RP, challenge: randomBytes(32) });
    const full = { ...base, attestationObject: response.attestationObject, clientDataJSON: response.clientDataJSON };
    assert.deepEqual(await h.call('POST', '/enroll', { ...full, publicKey: 'c3'.repeat(31) }), { status: 400, body: { error: 'Invalid publicKey format' } });
  });
});
