import type { Kysely } from 'kysely';
import type { RevokedTokenRepository } from '../../core/ports.ts';
import type { Database } from './database.ts';

export function createRevokedTokenRepository(db: Kysely<Database>): RevokedTokenRepository {
  return {
    /** Idempotent: revoking a token twice keeps the first entry. */
    async revoke(tenantId: string, jti: string, expiresAt: number): Promise<void> {
      await db
        .insertInto('revoked_tokens')
        .values({ tenant_id: tenantId, jti, expires_at: expiresAt })
        .onConflict((conflict) => conflict.columns(['tenant_id', 'jti']).doNothing())
        .execute();
    },

    async isRevoked(tenantId: string, jti: string): Promise<boolean> {
      const row = await db
        .selectFrom('revoked_tokens')
        .select('jti')
        .where('tenant_id', '=', tenantId)
        .where('jti', '=', jti)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Deletes entries that expired strictly before `now`. A caller whose token check allows
     * clock skew should pass `now` minus that tolerance.
     */
    async purgeExpired(now: number): Promise<number> {
      const result = await db.deleteFrom('revoked_tokens').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
