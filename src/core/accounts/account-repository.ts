import type { CredentialKind } from '../credential.ts';

/** Removals that span every record of a user, each one transaction. */
export interface AccountRepository {
  /**
   * Deletes the user and everything that belongs to them (credentials, devices, linked
   * identities, Duo records), all or none. False when the user does not exist in the tenant.
   */
  deleteUser(tenantId: string, userId: string): Promise<boolean>;
  /** Deletes the user's credentials of `kind`; returns how many. */
  deleteCredentials(tenantId: string, userId: string, kind: CredentialKind): Promise<number>;
}
