/**
 * BioKey's hardened fields: a platform WebAuthn credential created at `/enroll`
 * (`attestationObject` + `clientDataJSON`) and asserted at `/verify` (`authenticatorData`,
 * `clientDataJSON`, `signature`), verified by the passkey core against challenges Sigil issued.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness, type Ed25519Device } from './biokey-harness.ts';

const RP = { rpId: 'app.example.com', origin: 'https://app.example.com' };
const FAILED = { status: 401, body: { error: 'Authentication failed' } };

describe('BioKey with WebAuthn fields', () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness();
  });
  after(() => h.close());

  const enroll = async (userId: string, key: Ed25519Device, authenticator: SoftwareAuthenticator, options: { origin?: string; userVerified?: boolean } = {}) => {
    const challenge = Buffer.from(await h.challenge(), 'hex');
    const { response } = authenticator.register({ ...RP, ...options, challenge });
    return h.call('POST', '/enroll', { userId, publicKey: key.hex, deviceId: 'browser-1', method: 'prf', attestationObject: response.attestationObject, clientDataJSON: response.clientDataJSON });
  };
  const assertion = async (userId: string, authenticator: SoftwareAuthenticator, options: { origin?: string; userVerified?: boolean; signedChallenge?: Buffer } = {}) => {
    const challenge = await h.challenge('', userId);
    const { response } = authenticator.authenticate({ ...RP, ...options, challenge: options.signedChallenge ?? Buffer.from(challenge, 'hex') });
    return { userId, challenge, authenticatorData: response.authenticatorData, clientDataJSON: response.clientDataJSON, signature: response.signature };
  };

  it('enrolls a WebAuthn credential beside the Ed25519 key, and verifies either proof', async () => {
    const key = nodeEd25519();
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-amy' });
    assert.deepEqual(await enroll('amy', key, authenticator), { status: 200, body: { ok: true, userId: 'amy', publicKey: key.hex, method: 'prf' } });
    const res = await h.call('POST', '/verify', await assertion('amy', authenticator));
    assert.equal(res.status, 200);
    const { accessToken, expiresAt, ...rest } = res.body;
    assert.deepEqual(rest, { verified: true, publicKey: key.hex, userId: 'amy', method: 'prf' });
    assert.equal(typeof accessToken, 'string');
    assert.equal(typeof expiresAt, 'string');
    assert.equal((await h.verify('amy', key)).status, 200);
  });

  it('refuses an assertion for another challenge, origin, without user verification, by another credential, or replayed', async () => {
    const key = nodeEd25519();
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-ben' });
    await enroll('ben', key, authenticator);
    const otherChallenge = Buffer.from(await h.challenge(), 'hex');
    assert.equal((await h.call('POST', '/verify', await assertion('ben', authenticator, { signedChallenge: otherChallenge }))).status, 401);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', authenticator, { origin: 'https://evil.example.com' })), FAILED);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', authenticator, { userVerified: false })), FAILED);
    assert.deepEqual(await h.call('POST', '/verify', await assertion('ben', new SoftwareAuthenticator({ seed: 'stranger' }))), FAILED);
    const good = await assertion('ben', authenticator);
    assert.equal((await h.call('POST', '/verify', good)).status, 200);
    assert.deepEqual(await h.call('POST', '/verify', good), { status: 401, body: { error: 'Invalid or expired challenge' } });
  });

  it('refuses a creation that answers no challenge Sigil issued, or runs on a foreign origin', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-cat' });
    const { response } = authenticator.register({ ...RP, challenge: Buffer.alloc(32, 7) });
    const body = { userId: 'cat', publicKey: nodeEd25519().hex, deviceId: 'd', attestationObject: response.attestationObject, clientDataJSON: response.clientDataJSON };
    assert.deepEqual(await h.call('POST', '/enroll', body), { status: 401, body: { error: 'Invalid or expired challenge' } });
    assert.deepEqual(await enroll('cat', nodeEd25519(), authenticator, { origin: 'https://evil.example.com' }), FAILED);
    assert.deepEqual(await enroll('cat', nodeEd25519(), authenticator, { userVerified: false }), FAILED);
    assert.equal(await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, 'cat'), null);
  });

  it('needs proof to add a WebAuthn credential to an existing userId, and binds a credential once', async () => {
    const key = nodeEd25519();
    const authenticator = new SoftwareAuthenticator({ seed: 'biokey-dan' });
    await enroll('dan', key, authenticator);
    assert.deepEqual(await enroll('dan', nodeEd25519(), new SoftwareAuthenticator({ seed: 'biokey-dan-2' })), { status: 409, body: { error: 'Already enrolled' } });
    assert.deepEqual(await enroll('eve', nodeEd25519(), authenticator), { status: 409, body: { error: 'Already enrolled' } });
  });

  it('answers malformed WebAuthn fields with 400', async () => {
    const base = { userId: 'fay', publicKey: nodeEd25519().hex, deviceId: 'd' };
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm' }), { status: 400, body: { error: 'Missing required fields: attestationObject, clientDataJSON' } });
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm', clientDataJSON: 'not json' }), { status: 400, body: { error: 'Invalid clientDataJSON' } });
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: Buffer.from(await h.challenge(), 'hex').toString('base64url') })).toString('base64url');
    assert.deepEqual(await h.call('POST', '/enroll', { ...base, attestationObject: 'o2Nm', clientDataJSON }), { status: 400, body: { error: 'Invalid attestation' } });
  });
});
