import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { FLAG } from './authenticator-data-builder.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

const request = { challenge: 'Y2hhbGxlbmdl', rpId: 'example.com', origin: 'https://example.com' };
const decode = (text: string) => Buffer.from(text, 'base64url');

describe('SoftwareAuthenticator', () => {
  it('derives credential id, AAGUID and EC/EdDSA keys from its seed', () => {
    for (const alg of [-7, -8, -53, -48]) {
      const a = new SoftwareAuthenticator({ alg, seed: 'same' });
      const b = new SoftwareAuthenticator({ alg, seed: 'same' });
      assert.deepEqual([a.credentialId, a.aaguid, a.key.cose], [b.credentialId, b.aaguid, b.key.cose]);
      assert.notDeepEqual(a.key.cose, new SoftwareAuthenticator({ alg, seed: 'other' }).key.cose);
    }
  });

  it('counts up per assertion, or stays at zero', () => {
    const counting = new SoftwareAuthenticator({ seed: 'count', initialSignCount: 41 });
    counting.authenticate(request);
    const response = counting.authenticate(request);
    assert.equal(decode(response.response.authenticatorData).readUInt32BE(33), 43);
    const zero = new SoftwareAuthenticator({ seed: 'zero', counter: 'zero' });
    zero.authenticate(request);
    assert.equal(decode(zero.authenticate(request).response.authenticatorData).readUInt32BE(33), 0);
  });

  it('writes what a browser and authenticator would: client data, rpIdHash, flags, attestation object', () => {
    const device = new SoftwareAuthenticator({ seed: 'shape', backupEligible: true });
    const registration = device.register({ ...request, attestation: 'packed-self' });
    assert.deepEqual(JSON.parse(decode(registration.response.clientDataJSON).toString()), { type: 'webauthn.create', challenge: 'Y2hhbGxlbmdl', origin: 'https://example.com', crossOrigin: false });
    const object = isoCBOR.decodeFirst<Map<string, unknown>>(new Uint8Array(decode(registration.response.attestationObject)));
    assert.deepEqual([...object.keys()], ['fmt', 'attStmt', 'authData']);
    assert.equal(object.get('fmt'), 'packed');
    const authData = Buffer.from(object.get('authData') as Uint8Array);
    assert.deepEqual(authData.subarray(0, 32), createHash('sha256').update('example.com').digest());
    assert.equal(authData[32], FLAG.UP | FLAG.UV | FLAG.BE | FLAG.AT);
    assert.deepEqual(authData.subarray(55, 55 + 32), Buffer.from(device.credentialId));
  });

  it('applies tampering: flags, client data members, leftover bytes', () => {
    const device = new SoftwareAuthenticator({ seed: 'tamper' });
    const response = device.authenticate({ ...request, tamper: { flags: FLAG.BS, clientData: { origin: undefined, extra: 1 }, trailingBytes: Uint8Array.of(9) } });
    const authData = decode(response.response.authenticatorData);
    assert.equal(authData[32], FLAG.BS);
    assert.equal(authData.length, 38);
    assert.deepEqual(Object.keys(JSON.parse(decode(response.response.clientDataJSON).toString())), ['type', 'challenge', 'crossOrigin', 'extra']);
  });
});
