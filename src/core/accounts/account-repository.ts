import type { CredentialKind } from '../credential.ts';

/** Removals that span every record of a user. */
export interface AccountRepository {
  /**
   * Deletes the user and everything that belongs to them (credentials, devices, linked
   * identities, Duo records). Several writes: call it inside a unit of work
   * (`Storage.transaction`), which makes it all or none. False when the user does not exist.
   */
  deleteUser(tenantId: string, userId: string): Promise<boolean>;
  /** Deletes the user's credentials of `kind`; returns how many. */
  deleteCredentials(tenantId: string, userId: string, kind: CredentialKind): Promise<number>;
}
