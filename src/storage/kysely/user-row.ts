import type { UserPatch } from '../../core/ports.ts';
import type { User, UserStatus } from '../../core/user.ts';
import { decodeFlag, encodeFlag } from './column-codecs.ts';

export interface UserTable {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  email_verified: number;
  phone: string | null;
  phone_verified: number;
  status: UserStatus;
  created_at: number;
  updated_at: number;
}

export function userToRow(user: User): UserTable {
  return {
    tenant_id: user.tenantId,
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    email: user.email,
    email_verified: encodeFlag(user.emailVerified),
    phone: user.phone,
    phone_verified: encodeFlag(user.phoneVerified),
    status: user.status,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

export function userFromRow(row: UserTable): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    emailVerified: decodeFlag(row.email_verified),
    phone: row.phone,
    phoneVerified: decodeFlag(row.phone_verified),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a patch sets: only the fields it names, plus `updated_at` always. */
export function userPatchToRow(patch: UserPatch): Partial<UserTable> {
  const row: Partial<UserTable> = { updated_at: patch.updatedAt };
  if (patch.displayName !== undefined) row.display_name = patch.displayName;
  if (patch.email !== undefined) row.email = patch.email;
  if (patch.emailVerified !== undefined) row.email_verified = encodeFlag(patch.emailVerified);
  if (patch.phone !== undefined) row.phone = patch.phone;
  if (patch.phoneVerified !== undefined) row.phone_verified = encodeFlag(patch.phoneVerified);
  if (patch.status !== undefined) row.status = patch.status;
  return row;
}
