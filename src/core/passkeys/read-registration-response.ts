import { DomainError } from '../errors.ts';
import { readCredentialEnvelope } from './read-credential-envelope.ts';
import { requireBase64Url } from './response-fields.ts';
import type { JsonObject } from './response-fields.ts';

/** A `RegistrationResponseJSON`, shape-checked and decoded. */
export interface RegistrationResponse {
  readonly id: string;
  readonly rawId: Uint8Array;
  readonly clientDataJSON: Uint8Array;
  readonly attestationObject: Uint8Array;
  readonly transports: readonly string[];
  readonly clientExtensionResults: JsonObject;
}

/**
 * The AuthenticatorTransport values of WebAuthn L3 §5.8.4 (plus `cable`, the older name of
 * `hybrid`). Unknown values are dropped, as §5.8.4 tells relying parties to: they are stored and
 * echoed back at every login, so a client must not be able to put anything else there.
 */
const KNOWN_TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

function readTransports(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new DomainError('invalid_request', { detail: 'response.transports is not a list of strings' });
  }
  return [...new Set(value)].filter((t) => KNOWN_TRANSPORTS.has(t)).sort();
}

/** Fails with `invalid_request` on any envelope problem (see `response-fields.ts`). */
export function readRegistrationResponse(value: unknown): RegistrationResponse {
  const envelope = readCredentialEnvelope(value);
  const response = envelope.response;
  return {
    id: envelope.id,
    rawId: envelope.rawId,
    clientDataJSON: requireBase64Url(response, 'clientDataJSON', 'response.clientDataJSON'),
    attestationObject: requireBase64Url(response, 'attestationObject', 'response.attestationObject'),
    transports: readTransports(response['transports']),
    clientExtensionResults: envelope.clientExtensionResults,
  };
}
