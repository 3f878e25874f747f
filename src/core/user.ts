export type UserStatus = 'active' | 'disabled';

export interface User {
  readonly id: string;
  readonly tenantId: string;
  /** Unique within the tenant, compared after {@link normalizeUsername}. */
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly phone: string | null;
  readonly phoneVerified: boolean;
  readonly status: UserStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const MAX_USERNAME_LENGTH = 256;

/** Usernames keep their case but not stray whitespace or Unicode composition differences. */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFC').trim();
}
