
/** How an account came to be, as apps are told (AppKey's `loginProvider`). */
export type LoginProvider = 'handle' | 'anonymous' | 'google' | 'apple';

/**
 * What a user chose about themselves beyond the account record: a second unique login name,
 * a locale, and when and how they last signed in. One row per user, created with the account.
 */
export interface UserProfile {
  readonly tenantId: string;
  readonly userId: string;
  /** A login name unique within the tenant besides the username (handle); null until chosen. */
  readonly userName: string | null;
  readonly locale: string | null;
  readonly loginProvider: LoginProvider;
  readonly lastLoginAt: number | null;
  readonly updatedAt: number;
}

export interface ProfileRepository {
  get(tenantId: string, userId: string): Promise<UserProfile | null>;
  /** Inserts or replaces; `username_taken` when another user of the tenant holds the user name. */
  put(profile: UserProfile): Promise<void>;
  findUserIdByUserName(tenantId: string, userName: string): Promise<string | null>;
}
