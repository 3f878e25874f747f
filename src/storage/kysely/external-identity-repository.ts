import type { Kysely } from 'kysely';
import type { ExternalIdentity, ExternalIdentityRepository } from '../../core/ports.ts';
import type { Database } from './database.ts';

export function createExternalIdentityRepository(db: Kysely<Database>): ExternalIdentityRepository {
  const findUserId = async (tenantId: string, issuer: string, subject: string): Promise<string | null> => {
    const row = await db
      .selectFrom('external_identities')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row?.user_id ?? null;
  };
  return {
    findUserId,
    async link(identity: ExternalIdentity): Promise<string> {
      await db
        .insertInto('external_identities')
        .values({ tenant_id: identity.tenantId, issuer: identity.issuer, subject: identity.subject, user_id: identity.userId, created_at: identity.createdAt })
        .onConflict((c) => c.columns(['tenant_id', 'issuer', 'subject']).doNothing())
        .execute();
      const linked = await findUserId(identity.tenantId, identity.issuer, identity.subject);
      if (linked === null) throw new Error('external identity link vanished');
      return linked;
    },
  };
}
