/**
 * The associated data a keyshare backup is sealed with: tenant, user and key id. A sealed value
 * copied onto another user's or another key's row does not open.
 */
export function keyshareSealContext(tenantId: string, userId: string, keyId: string): string {
  return JSON.stringify(['duo-keyshare', tenantId, userId, keyId]);
}
