import type { Kysely } from 'kysely';
import type { AaguidRuleRepository } from '../../core/authenticator-rules/aaguid-rule.ts';
import type { Database } from './database.ts';
import { aaguidRuleFromRow, aaguidRuleToRow } from './client-device-row.ts';

export function createAaguidRuleRepository(db: Kysely<Database>): AaguidRuleRepository {
  return {
    async list(tenantId) {
      const rows = await db.selectFrom('aaguid_rules').selectAll().where('tenant_id', '=', tenantId).orderBy('aaguid').execute();
      return rows.map(aaguidRuleFromRow);
    },
    async get(tenantId, aaguid) {
      const row = await db.selectFrom('aaguid_rules').selectAll().where('tenant_id', '=', tenantId).where('aaguid', '=', aaguid).executeTakeFirst();
      return row === undefined ? null : aaguidRuleFromRow(row);
    },
    // One statement: a list sent by the management API is applied whole or not at all (also
    // inside a unit of work). An AAGUID named twice keeps its last rule, as PostgreSQL's upsert
    // cannot touch one row twice.
    async putAll(tenantId, rules) {
      const last = [...new Map(rules.map((r) => [r.aaguid, r])).values()];
      if (last.length === 0) return;
      await db
        .insertInto('aaguid_rules')
        .values(last.map((rule) => aaguidRuleToRow(tenantId, rule)))
        .onConflict((c) =>
          c.columns(['tenant_id', 'aaguid']).doUpdateSet((eb) => ({
            block_registration: eb.ref('excluded.block_registration'),
            block_authentication: eb.ref('excluded.block_authentication'),
          })),
        )
        .execute();
    },
    async remove(tenantId, aaguids) {
      if (aaguids.length === 0) return 0;
      const result = await db.deleteFrom('aaguid_rules').where('tenant_id', '=', tenantId).where('aaguid', 'in', [...aaguids]).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async clear(tenantId) {
      const result = await db.deleteFrom('aaguid_rules').where('tenant_id', '=', tenantId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
