import { DomainError } from '../errors.ts';

/**
 * The WebAuthn user handle of a user: the UTF-8 bytes of Sigil's user id (a UUID, 36 bytes,
 * within the 64-byte limit). It carries no personal data, as WebAuthn §14.6.1 asks.
 */
export function userHandleOf(userId: string): Uint8Array {
  return new TextEncoder().encode(userId);
}

export function userIdOfHandle(handle: Uint8Array): string {
  if (handle.byteLength === 0 || handle.byteLength > 64) throw new DomainError('credential_not_found', { detail: 'userHandle is empty or too long' });
  return new TextDecoder('utf-8', { fatal: false }).decode(handle);
}
