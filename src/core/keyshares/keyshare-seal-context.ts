/**
 * The associated data a keyshare backup is sealed with: tenant, user and key id. A sealed value
 * copied onto another user's or another key's row does not open. The label predates the move of
 * key-share backup out of the Duo dialect; it is part of every sealed backup, so it stays.
 */
export function keyshareSealContext(tenantId: string, userId: string, keyId: string): string {
  return JSON.stringify(['duo-keyshare', tenantId, userId, keyId]);
}
