import { createHash } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { buildAttestationStatement, encodeAttestationObject } from './attestation-statements.ts';
import { buildAuthenticatorData, buildClientDataJSON, FLAG } from './authenticator-data-builder.ts';
import { createCredentialKey } from './credential-key.ts';
import type { CredentialKey } from './credential-key.ts';
import type { AuthenticationRequest, CeremonyRequest, RegistrationRequest } from './ceremony-requests.ts';

export type { AuthenticationRequest, RegistrationRequest, Tamper } from './ceremony-requests.ts';

export interface SoftwareAuthenticatorOptions {
  /** COSE algorithm of the credential key (default ES256). */
  readonly alg?: number;
  readonly seed?: string;
  readonly aaguid?: Uint8Array;
  /** `zero`: the counter stays 0 (authenticators without one); `increment` (default) adds 1 per use. */
  readonly counter?: 'increment' | 'zero';
  readonly initialSignCount?: number;
  readonly backupEligible?: boolean;
  readonly backupState?: boolean;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const challengeText = (challenge: Uint8Array | string): string => (typeof challenge === 'string' ? challenge : b64url(challenge));

/**
 * A WebAuthn authenticator and client in one object, for tests: it holds one credential and
 * answers registration and authentication requests with the JSON a browser would send.
 */
export class SoftwareAuthenticator {
  readonly key: CredentialKey;
  readonly credentialId: Uint8Array;
  readonly aaguid: Uint8Array;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly #counting: boolean;
  #signCount: number;

  constructor(options: SoftwareAuthenticatorOptions = {}) {
    const seed = options.seed ?? 'sigil-authenticator';
    this.key = createCredentialKey(options.alg ?? -7, seed);
    this.credentialId = new Uint8Array(createHash('sha256').update(`credential-id:${seed}`).digest());
    this.aaguid = options.aaguid ?? new Uint8Array(createHash('sha256').update(`aaguid:${seed}`).digest().subarray(0, 16));
    this.#counting = options.counter !== 'zero';
    this.#signCount = options.initialSignCount ?? 0;
    this.backupEligible = options.backupEligible ?? false;
    this.backupState = options.backupState ?? false;
  }

  get signCount(): number {
    return this.#signCount;
  }

  #flags(request: CeremonyRequest, extra: number): number {
    if (request.tamper?.flags !== undefined) return request.tamper.flags;
    let flags = FLAG.UP | extra;
    if (request.userVerified !== false) flags |= FLAG.UV;
    if (this.backupEligible) flags |= FLAG.BE;
    if (this.backupState) flags |= FLAG.BS;
    if (request.tamper?.extensions !== undefined) flags |= FLAG.ED;
    return flags;
  }

  #clientData(type: string, request: CeremonyRequest): Uint8Array {
    const base = { type, challenge: challengeText(request.challenge), origin: request.origin, crossOrigin: false };
    return buildClientDataJSON(base, request.tamper?.clientData);
  }

  register(request: RegistrationRequest): RegistrationResponseJSON {
    const tamper = request.tamper ?? {};
    const kind = request.attestation ?? 'none';
    const clientDataJSON = this.#clientData('webauthn.create', request);
    const aaguid = tamper.aaguid ?? (kind === 'fido-u2f' ? new Uint8Array(16) : this.aaguid);
    const authData = buildAuthenticatorData({
      rpId: tamper.rpIdHashOf ?? request.rpId,
      flags: this.#flags(request, FLAG.AT),
      signCount: tamper.signCount ?? this.#signCount,
      attested: { aaguid, credentialId: this.credentialId, publicKey: this.key.cose },
      ...(tamper.extensions === undefined ? {} : { extensions: tamper.extensions }),
      ...(tamper.trailingBytes === undefined ? {} : { trailing: tamper.trailingBytes }),
    });
    const statement = buildAttestationStatement(kind, {
      authData,
      clientDataHash: new Uint8Array(createHash('sha256').update(clientDataJSON).digest()),
      rpId: request.rpId,
      credentialId: this.credentialId,
      credentialKey: this.key,
      ...(request.identity === undefined ? {} : { identity: request.identity }),
      ...(tamper.signWithCredentialKey === undefined ? {} : { signWithCredentialKey: tamper.signWithCredentialKey }),
    });
    const sig = statement.attStmt.get('sig');
    if (tamper.corruptSignature === true && sig instanceof Uint8Array) statement.attStmt.set('sig', flipLastByte(sig));
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(encodeAttestationObject(statement, authData)), transports: request.transports ?? ['internal'] },
      clientExtensionResults: {},
    };
  }

  authenticate(request: AuthenticationRequest): AuthenticationResponseJSON {
    const tamper = request.tamper ?? {};
    if (this.#counting && tamper.signCount === undefined) this.#signCount += 1;
    const clientDataJSON = this.#clientData('webauthn.get', request);
    const authData = buildAuthenticatorData({
      rpId: tamper.rpIdHashOf ?? request.rpId,
      flags: this.#flags(request, 0),
      signCount: tamper.signCount ?? this.#signCount,
      ...(tamper.extensions === undefined ? {} : { extensions: tamper.extensions }),
      ...(tamper.trailingBytes === undefined ? {} : { trailing: tamper.trailingBytes }),
    });
    const signed = Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]);
    let signature = (tamper.signWith ?? this.key).sign(signed);
    if (tamper.corruptSignature === true) signature = flipLastByte(signature);
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(request.userHandle === undefined ? {} : { userHandle: b64url(request.userHandle) }),
      },
      clientExtensionResults: {},
    };
  }
}

function flipLastByte(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0x01;
  return copy;
}
