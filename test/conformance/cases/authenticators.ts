import type { AttestationIdentity } from '../../../src/testing/authenticator/attestation-statements.ts';
import { SoftwareAuthenticator } from '../../../src/testing/authenticator/software-authenticator.ts';
import type { RegistrationRequest, Tamper } from '../../../src/testing/authenticator/software-authenticator.ts';
import type { Answer, Turn } from '../support/ceremonies.ts';
import type { ConformanceServer } from '../support/conformance-server.ts';
import { CERTIFIED } from '../support/conformance-pki.ts';
import type { Model } from '../support/conformance-pki.ts';
import { asToolCredential } from '../support/tool-client.ts';

let serial = 0;

/** A new authenticator (its own credential id and key) of `model`, or of no listed model. */
export function device(options: { alg?: number; model?: Model; counter?: 'increment' | 'zero'; initialSignCount?: number } = {}): SoftwareAuthenticator {
  return new SoftwareAuthenticator({
    seed: `conformance-${++serial}`,
    ...(options.alg === undefined ? {} : { alg: options.alg }),
    ...(options.model === undefined ? {} : { aaguid: options.model.bytes }),
    ...(options.counter === undefined ? {} : { counter: options.counter }),
    ...(options.initialSignCount === undefined ? {} : { initialSignCount: options.initialSignCount }),
  });
}

/** The registration response `authenticator` gives for `turn`, as the tool sends it. */
export function registration(authenticator: SoftwareAuthenticator, turn: Turn, extra: Omit<RegistrationRequest, keyof Turn['request']> = {}) {
  return asToolCredential(authenticator.register({ ...turn.request, ...extra }));
}

/** Full packed attestation by the certified model, through the vendor's attestation CA. */
export function fullPacked(server: ConformanceServer, tamper: Tamper = {}, identity: AttestationIdentity = server.pki.vendor.identity, model: Model = CERTIFIED): Answer {
  return (turn) => registration(device({ model }), turn, { attestation: 'packed-full', identity, tamper });
}

/** Self attestation by a model no metadata lists. */
export function selfPacked(tamper: Tamper = {}, alg?: number): Answer {
  return (turn) => registration(device(alg === undefined ? {} : { alg }), turn, { attestation: 'packed-self', tamper });
}
