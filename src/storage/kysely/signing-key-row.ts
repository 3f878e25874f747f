import type { JWK } from 'jose';
import type { SigningKeyRecord, SigningKeyStatus } from '../../core/signing-key.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface SigningKeyTable {
  tenant_id: string;
  kid: string;
  alg: SigningKeyRecord['alg'];
  /** JSON object: the public JWK. */
  public_jwk: string;
  sealed_private_key: string;
  status: SigningKeyStatus;
  created_at: number;
  retired_at: number | null;
}

export function signingKeyToRow(key: SigningKeyRecord): SigningKeyTable {
  return {
    tenant_id: key.tenantId,
    kid: key.kid,
    alg: key.alg,
    public_jwk: encodeJson(key.publicJwk),
    sealed_private_key: key.sealedPrivateKey,
    status: key.status,
    created_at: key.createdAt,
    retired_at: key.retiredAt,
  };
}

export function signingKeyFromRow(row: SigningKeyTable): SigningKeyRecord {
  return {
    kid: row.kid,
    tenantId: row.tenant_id,
    alg: row.alg,
    publicJwk: decodeJson<JWK>(row.public_jwk),
    sealedPrivateKey: row.sealed_private_key,
    status: row.status,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}
