export const API_KEY_SCOPES = [
  'tenants:read',
  'tenants:write',
  'users:read',
  'users:write',
  'credentials:read',
  'credentials:write',
  'grants:write',
  'audit:read',
  'keys:rotate',
  'signing-keys:read',
  'api-keys:read',
  'api-keys:write',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** Public, random part of the presented key; used to find the record. */
  readonly lookupId: string;
  /** SHA-256 (hex) of the secret part; the secret itself is never stored. */
  readonly secretHash: string;
  /** `*` grants every scope, including scopes added by later versions. */
  readonly scopes: readonly (ApiKeyScope | '*')[];
  readonly createdAt: number;
  readonly revokedAt: number | null;
  /** After this instant the key is refused like a revoked one; null: it does not expire. */
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

export function hasScope(key: Pick<ApiKey, 'scopes'>, scope: ApiKeyScope): boolean {
  return key.scopes.includes('*') || key.scopes.includes(scope);
}
