import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublicKeyCache } from '../../crypto/cose/public-key-cache.ts';
import { assertDomainError } from '../../testing/authenticator/assert-domain-error.ts';
import { FLAG } from '../../testing/authenticator/authenticator-data-builder.ts';
import { createCredentialKey } from '../../testing/authenticator/credential-key.ts';
import { mutateJson, REMOVE } from '../../testing/authenticator/mutate-json.ts';
import { passkeyRecord } from '../../testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import type { AuthenticationRequest } from '../../testing/authenticator/software-authenticator.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { ErrorCode } from '../errors.ts';
import { verifyAssertion } from './verify-assertion.ts';
import type { AssertionExpectations } from './verify-assertion.ts';

const RP_ID = 'login.example.com';
const ORIGIN = 'https://login.example.com';
const APP_ORIGIN = 'android:apk-key-hash:gx7sq_pxhxhrIQdLyfG0pxKwiJ7hOk2DJQ4xvKd438Q';
const CHALLENGE = new Uint8Array(32).fill(0x5a);
const USER_HANDLE = new Uint8Array([1, 2, 3, 4]);

const expectations: AssertionExpectations = { challenge: CHALLENGE, origins: [ORIGIN, APP_ORIGIN], rpId: RP_ID, userVerification: 'preferred' };
const request: AuthenticationRequest = { challenge: CHALLENGE, rpId: RP_ID, origin: ORIGIN };

function fresh(options: ConstructorParameters<typeof SoftwareAuthenticator>[0] = {}): { authenticator: SoftwareAuthenticator; record: PasskeyCredential } {
  const authenticator = new SoftwareAuthenticator({ seed: 'assertion-tests', ...options });
  return { authenticator, record: passkeyRecord(authenticator) };
}

function rejects(response: unknown, code: ErrorCode, options: { expected?: Partial<AssertionExpectations>; record?: Partial<PasskeyCredential> } = {}): void {
  const { authenticator } = fresh();
  assertDomainError(() => verifyAssertion(response, { ...expectations, ...options.expected }, passkeyRecord(authenticator, options.record)), code);
}

describe('verifyAssertion: accepted assertions', () => {
  for (const alg of [-7, -8, -257, -37, -35, -36, -53, -65535, -48]) {
    it(`verifies a COSE alg ${alg} credential and reports the new state`, () => {
      const { authenticator, record } = fresh({ alg, backupEligible: true, backupState: true });
      const result = verifyAssertion(authenticator.authenticate({ ...request, userHandle: USER_HANDLE }), { ...expectations, userHandle: USER_HANDLE }, record);
      assert.deepEqual(result, {
        newSignCount: 1,
        userVerified: true,
        backupEligible: true,
        backupState: true,
        backupEligibilityChanged: false,
        userHandle: USER_HANDLE,
      });
    });
  }

  it('accepts the challenge as base64url text, an app origin and a cached key', () => {
    const { authenticator, record } = fresh();
    const keys = new PublicKeyCache(8);
    const response = authenticator.authenticate({ ...request, origin: APP_ORIGIN });
    const result = verifyAssertion(response, { ...expectations, challenge: Buffer.from(CHALLENGE).toString('base64url') }, record, keys);
    assert.equal(result.newSignCount, 1);
    assert.equal(result.userHandle, null);
    assert.equal(keys.size, 0, 'a key is kept from its second use');
    const again = authenticator.authenticate({ ...request, origin: APP_ORIGIN });
    assert.equal(verifyAssertion(again, { ...expectations, challenge: Buffer.from(CHALLENGE).toString('base64url') }, { ...record, signCount: 1 }, keys).newSignCount, 2);
    assert.equal(keys.size, 1);
  });

  it('accepts an authenticator whose counter is always 0 (FIDO GetAssertion Resp-3 P-1)', () => {
    const { authenticator, record } = fresh({ counter: 'zero' });
    assert.equal(verifyAssertion(authenticator.authenticate(request), expectations, record).newSignCount, 0);
    assert.equal(verifyAssertion(authenticator.authenticate(request), expectations, record).newSignCount, 0);
  });

  it('accepts UV not set unless UV is required, and reports it', () => {
    const { authenticator, record } = fresh();
    for (const userVerification of ['preferred', 'discouraged'] as const) {
      const result = verifyAssertion(authenticator.authenticate({ ...request, userVerified: false }), { ...expectations, userVerification }, record);
      assert.equal(result.userVerified, false);
    }
  });

  it('accepts neither UP nor UV only when the caller waives user presence (FIDO GetAssertion Resp-3 P-4, P-7)', () => {
    const { authenticator, record } = fresh();
    const response = authenticator.authenticate({ ...request, tamper: { flags: 0 } });
    assertDomainError(() => verifyAssertion(response, expectations, record), 'user_presence_required');
    assert.equal(verifyAssertion(response, { ...expectations, requireUserPresence: false }, record).userVerified, false);
  });

  it('accepts authenticator extension outputs with ED set (FIDO GetAssertion Resp-3 P-8)', () => {
    const { authenticator, record } = fresh();
    const response = authenticator.authenticate({ ...request, tamper: { extensions: new Map([['example.extension', 'value']]) } });
    assert.equal(verifyAssertion(response, expectations, record).newSignCount, 1);
  });

  it('accepts token binding statuses present, supported and not-supported', () => {
    for (const tokenBinding of [{ status: 'present', id: 'AAEC' }, { status: 'supported' }, { status: 'not-supported' }]) {
      const { authenticator, record } = fresh();
      const response = authenticator.authenticate({ ...request, tamper: { clientData: { tokenBinding } } });
      assert.equal(verifyAssertion(response, expectations, record).newSignCount, 1);
    }
  });

  it('reports a change of backup eligibility, and a backup state change, without failing', () => {
    const { authenticator } = fresh({ backupEligible: true, backupState: false });
    const result = verifyAssertion(authenticator.authenticate(request), expectations, passkeyRecord(authenticator, { backupEligible: false, backupState: true }));
    assert.equal(result.backupEligibilityChanged, true);
    assert.equal(result.backupState, false);
  });
});

describe('verifyAssertion: counter rule (§7.2 step 22)', () => {
  const cases: ReadonlyArray<[stored: number, received: number, ok: boolean]> = [
    [0, 0, true],
    [0, 1, true],
    [41, 42, true],
    [42, 42, false],
    [42, 41, false],
    [42, 0, false],
    [4294967294, 4294967295, true],
  ];
  for (const [stored, received, ok] of cases) {
    it(`stored ${stored}, received ${received}: ${ok ? 'accepted' : 'sign_count_regressed'}`, () => {
      const { authenticator } = fresh();
      const response = authenticator.authenticate({ ...request, tamper: { signCount: received } });
      const record = passkeyRecord(authenticator, { signCount: stored });
      if (ok) assert.equal(verifyAssertion(response, expectations, record).newSignCount, received);
      else assertDomainError(() => verifyAssertion(response, expectations, record), 'sign_count_regressed');
    });
  }
});

describe('verifyAssertion: refused assertions', () => {
  const { authenticator } = fresh();
  const tampered = (tamper: NonNullable<AuthenticationRequest['tamper']>, extra: Partial<AuthenticationRequest> = {}) =>
    authenticator.authenticate({ ...request, ...extra, tamper });

  const clientDataCases: ReadonlyArray<[string, Record<string, unknown>, ErrorCode]> = [
    ['type of the other ceremony', { type: 'webauthn.create' }, 'type_mismatch'],
    ['type missing', { type: undefined }, 'client_data_invalid'],
    ['type not a string', { type: 1 }, 'client_data_invalid'],
    ['type empty', { type: '' }, 'client_data_invalid'],
    ['challenge of another ceremony', { challenge: Buffer.alloc(32, 1).toString('base64url') }, 'challenge_mismatch'],
    ['challenge with padding', { challenge: `${Buffer.from(CHALLENGE).toString('base64url')}=` }, 'client_data_invalid'],
    ['challenge in standard base64', { challenge: '+/+/' }, 'client_data_invalid'],
    ['challenge missing', { challenge: undefined }, 'client_data_invalid'],
    ['challenge not a string', { challenge: [1] }, 'client_data_invalid'],
    ['challenge empty', { challenge: '' }, 'client_data_invalid'],
    ['origin of another site', { origin: 'https://login.example.com.evil.test' }, 'origin_mismatch'],
    ['origin with a path', { origin: `${ORIGIN}/` }, 'origin_mismatch'],
    ['origin missing', { origin: undefined }, 'client_data_invalid'],
    ['origin not a string', { origin: {} }, 'client_data_invalid'],
    ['origin empty', { origin: '' }, 'client_data_invalid'],
    ['tokenBinding not an object', { tokenBinding: 'present' }, 'client_data_invalid'],
    ['tokenBinding without status', { tokenBinding: {} }, 'client_data_invalid'],
    ['tokenBinding with an unknown status', { tokenBinding: { status: 'used' } }, 'client_data_invalid'],
    ['crossOrigin not a boolean', { crossOrigin: 'true' }, 'client_data_invalid'],
    ['crossOrigin true with no top origin allowed', { crossOrigin: true }, 'origin_mismatch'],
    ['topOrigin without crossOrigin', { topOrigin: 'https://example.com' }, 'client_data_invalid'],
  ];
  for (const [name, clientData, code] of clientDataCases) {
    it(`clientData: ${name} → ${code}`, () => rejects(tampered({ clientData }), code));
  }

  it('cross-origin: allowed top origins are accepted, others refused', () => {
    const { authenticator: framed, record } = fresh();
    const response = framed.authenticate({ ...request, tamper: { clientData: { crossOrigin: true, topOrigin: 'https://shop.example.net' } } });
    assert.equal(verifyAssertion(response, { ...expectations, topOrigins: ['https://shop.example.net'] }, record).newSignCount, 1);
    rejects(response, 'origin_mismatch', { expected: { topOrigins: ['https://other.example.net'] } });
  });

  it('clientDataJSON that is not JSON, not an object or not UTF-8 → client_data_invalid', () => {
    const { authenticator: fresh1 } = fresh();
    const base = fresh1.authenticate(request);
    for (const bytes of [Buffer.from('not json'), Buffer.from('[1,2]'), Buffer.from([0x7b, 0xff, 0x7d])]) {
      rejects(mutateJson(base, 'response.clientDataJSON', bytes.toString('base64url')), 'client_data_invalid');
    }
  });

  const authDataCases: ReadonlyArray<[string, NonNullable<AuthenticationRequest['tamper']>, ErrorCode, Partial<AuthenticationRequest>?]> = [
    ['rpIdHash of another RP ID', { rpIdHashOf: 'example.com' }, 'rp_id_mismatch'],
    ['leftover bytes', { trailingBytes: Uint8Array.of(0) }, 'authenticator_data_invalid'],
    ['ED set without extensions', { flags: FLAG.UP | FLAG.UV | FLAG.ED }, 'authenticator_data_invalid'],
    ['AT set in an assertion', { flags: FLAG.UP | FLAG.UV | FLAG.AT }, 'authenticator_data_invalid'],
    ['BS set without BE', { flags: FLAG.UP | FLAG.UV | FLAG.BS }, 'authenticator_data_invalid'],
    ['UP not set', { flags: FLAG.UV }, 'user_presence_required'],
    ['signature corrupted', { corruptSignature: true }, 'signature_invalid'],
    ['signed by another key', { signWith: createCredentialKey(-7, 'another key') }, 'signature_invalid'],
  ];
  for (const [name, tamper, code] of authDataCases) {
    it(`authenticatorData: ${name} → ${code}`, () => rejects(tampered(tamper), code));
  }

  it('only UP set while UV is required → user_verification_required (FIDO GetAssertion Resp-3 F-5)', () => {
    rejects(tampered({}, { userVerified: false }), 'user_verification_required', { expected: { userVerification: 'required' } });
  });

  it('authenticatorData shorter than 37 bytes → authenticator_data_invalid', () => {
    rejects(mutateJson(tampered({}), 'response.authenticatorData', Buffer.alloc(36).toString('base64url')), 'authenticator_data_invalid');
  });

  it('tolerates correctly padded base64url, as older client libraries send it', () => {
    const { authenticator: padded, record } = fresh();
    const response = padded.authenticate(request);
    const pad = (text: string) => text + '='.repeat((4 - (text.length % 4)) % 4);
    const withPadding = mutateJson(response, 'response.authenticatorData', pad(response.response.authenticatorData));
    assert.equal(verifyAssertion(mutateJson(withPadding, 'response.signature', pad(response.response.signature)), expectations, record).newSignCount, 1);
  });

  it('a signature that is not DER → signature_invalid', () => {
    rejects(mutateJson(tampered({}), 'response.signature', 'AAAA'), 'signature_invalid');
  });

  const envelopeCases: ReadonlyArray<[string, unknown]> = [
    ['id', REMOVE],
    ['id', 42],
    ['id', ''],
    ['id', 'not+base64url'],
    ['rawId', 'AAAA'],
    ['type', REMOVE],
    ['type', 1],
    ['type', 'public-key-2'],
    ['response', REMOVE],
    ['response', 'text'],
    ['response.clientDataJSON', REMOVE],
    ['response.clientDataJSON', 5],
    ['response.clientDataJSON', ''],
    ['response.authenticatorData', REMOVE],
    ['response.authenticatorData', true],
    ['response.authenticatorData', ''],
    ['response.authenticatorData', 'a$b'],
    ['response.signature', REMOVE],
    ['response.signature', []],
    ['response.signature', ''],
    ['response.signature', 'si=g'],
    ['response.signature', 'AA='],
    ['response.signature', 'AAAAA'],
    ['response.userHandle', 7],
    ['response.userHandle', '%%%'],
  ];
  for (const [path, value] of envelopeCases) {
    it(`envelope: ${path} ${value === REMOVE ? 'missing' : JSON.stringify(value)} → invalid_request`, () => {
      rejects(mutateJson(tampered({}), path, value), 'invalid_request');
    });
  }

  it('a response for another credential, or another user → credential_not_found', () => {
    const other = new SoftwareAuthenticator({ seed: 'someone else' });
    rejects(other.authenticate(request), 'credential_not_found');
    const withHandle = tampered({}, { userHandle: Uint8Array.of(9, 9) });
    rejects(withHandle, 'credential_not_found', { expected: { userHandle: USER_HANDLE } });
  });

  it('a revoked record or one whose stored algorithm disagrees with its key', () => {
    rejects(tampered({}), 'credential_revoked', { record: { status: 'revoked' } });
    rejects(tampered({}), 'public_key_invalid', { record: { algorithm: -257 } });
  });

  it('accepts the conformance tool envelope: no rawId, getClientExtensionResults', () => {
    const { authenticator: fresh2, record } = fresh();
    const response = mutateJson(mutateJson(fresh2.authenticate(request), 'rawId', REMOVE), 'clientExtensionResults', REMOVE);
    const conformance = { ...response, getClientExtensionResults: {} };
    assert.equal(verifyAssertion(conformance, expectations, record).newSignCount, 1);
    assertDomainError(() => verifyAssertion({ ...response, getClientExtensionResults: 'x' }, expectations, record), 'invalid_request');
  });
});
