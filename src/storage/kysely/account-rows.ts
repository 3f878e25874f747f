import type { AppSigningKeyRecord } from '../../core/accounts/app-signing-key.ts';
import type { LoginProvider, UserProfile } from '../../core/accounts/user-profile.ts';
import type { SigningKeyStatus } from '../../core/signing-key.ts';

export interface UserProfileTable {
  tenant_id: string;
  user_id: string;
  user_name: string | null;
  locale: string | null;
  login_provider: LoginProvider;
  last_login_at: number | null;
  updated_at: number;
}

export interface AppSigningKeyTable {
  tenant_id: string;
  kid: string;
  public_pem: string;
  sealed_private_key: string;
  status: SigningKeyStatus;
  created_at: number;
  retired_at: number | null;
}

export function profileToRow(p: UserProfile): UserProfileTable {
  return { tenant_id: p.tenantId, user_id: p.userId, user_name: p.userName, locale: p.locale, login_provider: p.loginProvider, last_login_at: p.lastLoginAt, updated_at: p.updatedAt };
}

export function profileFromRow(r: UserProfileTable): UserProfile {
  return {
    tenantId: r.tenant_id,
    userId: r.user_id,
    userName: r.user_name,
    locale: r.locale,
    loginProvider: r.login_provider,
    lastLoginAt: r.last_login_at,
    updatedAt: r.updated_at,
  };
}

export function appKeyToRow(k: AppSigningKeyRecord): AppSigningKeyTable {
  return { tenant_id: k.tenantId, kid: k.kid, public_pem: k.publicPem, sealed_private_key: k.sealedPrivateKey, status: k.status, created_at: k.createdAt, retired_at: k.retiredAt };
}

export function appKeyFromRow(r: AppSigningKeyTable): AppSigningKeyRecord {
  return {
    kid: r.kid,
    tenantId: r.tenant_id,
    publicPem: r.public_pem,
    sealedPrivateKey: r.sealed_private_key,
    status: r.status,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}
