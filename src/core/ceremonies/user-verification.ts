import type { UserVerificationPolicy } from '../tenant.ts';

const RANK: Record<UserVerificationPolicy, number> = { discouraged: 0, preferred: 1, required: 2 };

/** A client may ask for more user verification than the tenant demands, never for less. */
export function stricterUserVerification(tenant: UserVerificationPolicy, requested: unknown): UserVerificationPolicy {
  if (requested !== 'required' && requested !== 'preferred' && requested !== 'discouraged') return tenant;
  return RANK[requested] > RANK[tenant] ? requested : tenant;
}
