/**
 * The tables whose rows belong to one user, in an order that deletes children before their
 * parents (key-share backups reference MPC keys). A table added for user data joins this list,
 * so deleting a user or a tenant removes it too.
 */
export const USER_OWNED_TABLES = [
  'keyshare_backups',
  'mpc_keys',
  'face_enrollments',
  'transactions',
  'dialect_users',
  'external_identities',
  'client_devices',
  'user_profiles',
  'credentials',
] as const;
