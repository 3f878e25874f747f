import { createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { CredentialKey } from './credential-key.ts';

/** Attestation a software authenticator can produce. */
export type AttestationKind = 'none' | 'packed-self' | 'packed-full' | 'fido-u2f';

/** A batch attestation key with its chain (leaf first, root excluded as WebAuthn asks). */
export interface AttestationIdentity {
  readonly privateKey: KeyObject;
  readonly chain: readonly Uint8Array[];
}

export interface StatementInput {
  readonly authData: Uint8Array;
  readonly clientDataHash: Uint8Array;
  readonly rpId: string;
  readonly credentialId: Uint8Array;
  readonly credentialKey: CredentialKey;
  readonly identity?: AttestationIdentity;
  /** Sign a full attestation with the credential key instead of the batch key (FIDO Resp-5 F-14). */
  readonly signWithCredentialKey?: boolean;
}

export interface Statement {
  readonly fmt: string;
  readonly attStmt: Map<string, unknown>;
}

function identityOf(input: StatementInput, kind: AttestationKind): AttestationIdentity {
  if (input.identity === undefined) throw new Error(`${kind} attestation needs an attestation identity`);
  return input.identity;
}

const signed = (input: StatementInput): Uint8Array => Buffer.concat([input.authData, input.clientDataHash]);

const BUILDERS: Readonly<Record<AttestationKind, (input: StatementInput) => Statement>> = {
  none: () => ({ fmt: 'none', attStmt: new Map() }),
  // §8.2 packed, self attestation: signed by the credential key itself, no x5c.
  'packed-self': (input) => ({
    fmt: 'packed',
    attStmt: new Map<string, unknown>([['alg', input.credentialKey.alg], ['sig', input.credentialKey.sign(signed(input))]]),
  }),
  // §8.2 packed, full attestation: signed by the batch key, x5c carries its chain.
  'packed-full': (input) => {
    const identity = identityOf(input, 'packed-full');
    const sig = input.signWithCredentialKey === true ? input.credentialKey.sign(signed(input)) : new Uint8Array(sign('sha256', signed(input), identity.privateKey));
    return { fmt: 'packed', attStmt: new Map<string, unknown>([['alg', -7], ['sig', sig], ['x5c', [...identity.chain]]]) };
  },
  // §8.6 fido-u2f: 0x00 || rpIdHash || clientDataHash || credentialId || 65-byte EC point.
  'fido-u2f': (input) => {
    const identity = identityOf(input, 'fido-u2f');
    const cose = isoCBOR.decodeFirst<Map<number, Uint8Array>>(Uint8Array.from(input.credentialKey.cose));
    const point = Buffer.concat([Uint8Array.of(0x04), cose.get(-2) ?? new Uint8Array(), cose.get(-3) ?? new Uint8Array()]);
    const base = Buffer.concat([Uint8Array.of(0x00), createHash('sha256').update(input.rpId).digest(), input.clientDataHash, input.credentialId, point]);
    return { fmt: 'fido-u2f', attStmt: new Map<string, unknown>([['sig', new Uint8Array(sign('sha256', base, identity.privateKey))], ['x5c', [...identity.chain]]]) };
  },
};

export function buildAttestationStatement(kind: AttestationKind, input: StatementInput): Statement {
  return BUILDERS[kind](input);
}

/** The attestation object map in CTAP2 canonical key order. */
export function encodeAttestationObject(statement: Statement, authData: Uint8Array): Uint8Array {
  return new Uint8Array(isoCBOR.encode(new Map<string, never>([['fmt', statement.fmt as never], ['attStmt', statement.attStmt as never], ['authData', authData as never]])));
}
