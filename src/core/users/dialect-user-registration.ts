/**
 * A user's explicit sign-up with one dialect's service (Duo's `POST /auth/users/register`), for
 * the few wires that have such a step apart from enrolling a credential. Only the dialect named
 * reads or writes its rows; the record is neutral so that no vendor needs its own table.
 */
export interface DialectUserRegistration {
  readonly tenantId: string;
  readonly userId: string;
  /** The dialect's name (`duo`). */
  readonly dialect: string;
  readonly registeredAt: number;
}

export interface DialectUserRepository {
  /** Records the registration unless one exists for this dialect; true when this call created it. */
  register(registration: DialectUserRegistration): Promise<boolean>;
  get(tenantId: string, userId: string, dialect: string): Promise<DialectUserRegistration | null>;
}
