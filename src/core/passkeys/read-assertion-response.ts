import { readCredentialEnvelope } from './read-credential-envelope.ts';
import { optionalBase64Url, requireBase64Url } from './response-fields.ts';

/** An `AuthenticationResponseJSON`, shape-checked and decoded. */
export interface AssertionResponse {
  readonly id: string;
  readonly rawId: Uint8Array;
  readonly clientDataJSON: Uint8Array;
  readonly authenticatorData: Uint8Array;
  readonly signature: Uint8Array;
  /** Absent for non-discoverable credentials (some clients send "" or null for that). */
  readonly userHandle: Uint8Array | null;
}

/** Fails with `invalid_request` on any envelope problem (see `response-fields.ts`). */
export function readAssertionResponse(value: unknown): AssertionResponse {
  const envelope = readCredentialEnvelope(value);
  const response = envelope.response;
  return {
    id: envelope.id,
    rawId: envelope.rawId,
    clientDataJSON: requireBase64Url(response, 'clientDataJSON', 'response.clientDataJSON'),
    authenticatorData: requireBase64Url(response, 'authenticatorData', 'response.authenticatorData'),
    signature: requireBase64Url(response, 'signature', 'response.signature'),
    userHandle: optionalBase64Url(response, 'userHandle', 'response.userHandle'),
  };
}
