import type { ApiKey } from '../../core/api-key.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  lookup_id: string;
  secret_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  expires_at: number | null;
  last_used_at: number | null;
}

export function apiKeyToRow(key: ApiKey): ApiKeyTable {
  return {
    id: key.id,
    tenant_id: key.tenantId,
    name: key.name,
    lookup_id: key.lookupId,
    secret_hash: key.secretHash,
    scopes: encodeJson(key.scopes),
    created_at: key.createdAt,
    revoked_at: key.revokedAt,
    expires_at: key.expiresAt,
    last_used_at: key.lastUsedAt,
  };
}

export function apiKeyFromRow(row: ApiKeyTable): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    lookupId: row.lookup_id,
    secretHash: row.secret_hash,
    scopes: decodeJson<ApiKey['scopes']>(row.scopes),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}
