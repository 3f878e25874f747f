import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';

/**
 * A copy of `response` whose attestation object was decoded, handed to `edit` (which may change
 * the map in place, or return anything CBOR-encodable to use instead), and encoded again. For
 * the attestation-object defects of the FIDO server tests (Resp-3, Resp-5).
 */
export function rewriteAttestationObject(response: RegistrationResponseJSON, edit: (object: Map<string, unknown>) => unknown): RegistrationResponseJSON {
  const decoded = isoCBOR.decodeFirst<Map<string, unknown>>(new Uint8Array(Buffer.from(response.response.attestationObject, 'base64url')));
  const replacement = edit(decoded);
  const encoded = isoCBOR.encode((replacement === undefined ? decoded : replacement) as never);
  return { ...response, response: { ...response.response, attestationObject: Buffer.from(encoded).toString('base64url') } };
}

/** Shorthand: edit the attestation statement map. */
export function rewriteAttStmt(response: RegistrationResponseJSON, edit: (attStmt: Map<string, unknown>) => void): RegistrationResponseJSON {
  return rewriteAttestationObject(response, (object) => {
    edit(object.get('attStmt') as Map<string, unknown>);
  });
}
