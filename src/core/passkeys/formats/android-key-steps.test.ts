import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { explicit, integer, nullValue, octetString, sequence, set, tlv } from '../../../testing/authenticator/der.ts';
import { issueCertificate } from '../../../testing/authenticator/test-certificate.ts';
import { isDomainError } from '../../errors.ts';
import { KEY_DESCRIPTION_OID } from './android-key-description.ts';
import { androidKeyFormat } from './android-key.ts';
import type { StatementVerification } from './attestation-format.ts';

/** `[n] EXPLICIT` with a tag number of 31 or more (high-tag-number form; short contents only). */
function highTag(tagNumber: number, content: Uint8Array): Uint8Array {
  assert.ok(content.byteLength < 0x80);
  const groups: number[] = [];
  for (let rest = tagNumber; rest > 0; rest = Math.floor(rest / 128)) groups.unshift(rest % 128);
  const tag = groups.map((group, i) => (i < groups.length - 1 ? group | 0x80 : group));
  return Uint8Array.of(0xbf, ...tag, content.byteLength, ...content);
}

interface ListSpec {
  readonly purposes?: readonly number[];
  readonly origin?: number;
  readonly allApplications?: boolean;
}

function authorizationList({ purposes, origin, allApplications }: ListSpec): Uint8Array {
  return sequence(
    ...(purposes === undefined ? [] : [explicit(1, set(...purposes.map((p) => integer(p))))]),
    ...(allApplications === true ? [highTag(600, nullValue())] : []),
    ...(origin === undefined ? [] : [highTag(702, integer(origin))]),
  );
}

interface DescriptionSpec {
  readonly challenge?: Uint8Array;
  readonly software?: ListSpec;
  readonly tee?: ListSpec;
}

const clientDataHash = new Uint8Array(createHash('sha256').update('{"type":"webauthn.create"}').digest());
const GENERATED_SIGNING_KEY: ListSpec = { purposes: [2], origin: 0 };

/** A statement made as a Keystore would make it, with the key description as `spec` says. */
function statement(spec: DescriptionSpec | null): StatementVerification {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const enumerated = (n: number): Uint8Array => tlv(0x0a, Uint8Array.of(n));
  const description =
    spec === null
      ? []
      : [{
          id: KEY_DESCRIPTION_OID,
          value: sequence(integer(3), enumerated(1), integer(4), enumerated(1), octetString(spec.challenge ?? clientDataHash), octetString(new Uint8Array(0)), authorizationList(spec.software ?? {}), authorizationList(spec.tee ?? GENERATED_SIGNING_KEY)),
        }];
  const subject = [['CN', 'Android Keystore Key']] as const;
  const leaf = issueCertificate({
    subject, issuer: subject, serial: 1, notBefore: new Date('2026-01-01'), notAfter: new Date('2036-01-01'),
    publicKey, signingKey: privateKey, issuerPublicKey: publicKey, ca: false, extensions: description,
  });
  const authData = new Uint8Array(randomBytes(37));
  const sig = new Uint8Array(sign('sha256', Buffer.concat([authData, clientDataHash]), privateKey));
  return { attStmt: new Map<string, unknown>([['alg', -7], ['sig', sig], ['x5c', [leaf]]]), authData, clientDataHash, credentialKey: publicKey };
}

function refusedWith(verification: StatementVerification, detail: RegExp): void {
  assert.throws(() => androidKeyFormat.verify?.(verification), (error: unknown) => isDomainError(error) && error.code === 'attestation_invalid' && detail.test(error.detail ?? ''));
}

describe('android-key §8.4 steps 4 and 5, on statements made for the test', () => {
  it('passes a key generated in the keystore for signing, attested over this client data', () => {
    androidKeyFormat.verify?.(statement({}));
    androidKeyFormat.verify?.(statement({ software: GENERATED_SIGNING_KEY, tee: {} }));
  });

  it('refuses a leaf without a key description', () => {
    refusedWith(statement(null), /no key description/);
  });

  it('refuses a key description whose attestationChallenge is not the client data hash (step 4)', () => {
    refusedWith(statement({ challenge: new Uint8Array(32) }), /attestationChallenge/);
  });

  it('refuses a key usable by all applications, in either list (step 5)', () => {
    refusedWith(statement({ software: { allApplications: true } }), /allApplications/);
    refusedWith(statement({ tee: { ...GENERATED_SIGNING_KEY, allApplications: true } }), /allApplications/);
  });

  it('refuses a key imported rather than generated, or of no stated origin (step 5)', () => {
    refusedWith(statement({ tee: { purposes: [2], origin: 2 } }), /origin/);
    refusedWith(statement({ software: { origin: 2 }, tee: GENERATED_SIGNING_KEY }), /origin/);
    refusedWith(statement({ tee: { purposes: [2] } }), /origin/);
  });

  it('refuses a key that is not for signing (step 5)', () => {
    refusedWith(statement({ tee: { purposes: [3], origin: 0 } }), /purpose/);
  });
});
