import { DomainError } from '../errors.ts';
import { decodeBase64Url, isJsonObject, requireObject, requireString } from './response-fields.ts';
import type { JsonObject } from './response-fields.ts';

/** The members every `PublicKeyCredential` JSON shares, checked. */
export interface CredentialEnvelope {
  /** `id` as sent (base64url). */
  readonly id: string;
  readonly rawId: Uint8Array;
  readonly response: JsonObject;
  /**
   * Client extension outputs. The FIDO conformance tool sends them as `getClientExtensionResults`
   * (the name of the browser method) rather than `clientExtensionResults`; both are read.
   */
  readonly clientExtensionResults: JsonObject;
}

export function readCredentialEnvelope(value: unknown): CredentialEnvelope {
  const credential = requireObject(value, 'credential');
  const id = requireString(credential, 'id', 'id');
  const rawId = decodeBase64Url(id, 'id');
  // rawId is optional on the wire (the conformance tool omits it); when sent it must name the
  // same bytes, and its JSON form is the same unpadded base64url text.
  const sentRawId = credential['rawId'];
  if (sentRawId !== undefined && sentRawId !== id) {
    throw new DomainError('invalid_request', { detail: 'rawId does not match id' });
  }
  const type = requireString(credential, 'type', 'type');
  if (type !== 'public-key') throw new DomainError('invalid_request', { detail: `type is ${JSON.stringify(type)}, not "public-key"` });
  const response = requireObject(credential['response'], 'response');
  const extensions = credential['clientExtensionResults'] ?? credential['getClientExtensionResults'];
  if (extensions !== undefined && !isJsonObject(extensions)) {
    throw new DomainError('invalid_request', { detail: 'clientExtensionResults is not an object' });
  }
  return { id, rawId, response, clientExtensionResults: extensions ?? {} };
}
