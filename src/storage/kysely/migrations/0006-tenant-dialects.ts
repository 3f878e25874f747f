import type { Migration } from 'kysely/migration';

interface LegacyIntegrations {
  readonly duoHookSecretHash?: unknown;
  readonly biokeyInsecureLegacyMode?: unknown;
  readonly [key: string]: unknown;
}

/**
 * The dialects a tenant serves, with their settings (`{"<name>": {…}}`). Before this migration
 * every tenant served every dialect, so existing tenants get all four, and the vendor switches
 * that sat among the integrations (`duoHookSecretHash`, `biokeyInsecureLegacyMode`) move under
 * their dialect: an upgrade breaks nobody. New tenants get only what they are given.
 */
export const tenantDialects: Migration = {
  async up(db) {
    await db.schema.alterTable('tenants').addColumn('dialects', 'text', (c) => c.notNull().defaultTo('{}')).execute();
    const rows = (await db.selectFrom('tenants').select(['id', 'integrations']).execute()) as { id: string; integrations: string }[];
    for (const row of rows) {
      const { dialects, integrations } = splitIntegrations(JSON.parse(row.integrations) as LegacyIntegrations);
      await db.updateTable('tenants').set({ dialects: JSON.stringify(dialects), integrations: JSON.stringify(integrations) }).where('id', '=', row.id).execute();
    }
  },
};

/** An old integrations record → the dialects every old tenant served, and what stays an integration. */
export function splitIntegrations(old: LegacyIntegrations): { dialects: Record<string, Record<string, unknown>>; integrations: Record<string, unknown> } {
  const { duoHookSecretHash, biokeyInsecureLegacyMode, ...integrations } = old;
  return {
    dialects: {
      native: {},
      biokey: { insecureLegacyMode: biokeyInsecureLegacyMode === true },
      swapbits: {},
      duo: { hookSecretHash: typeof duoHookSecretHash === 'string' ? duoHookSecretHash : null },
    },
    integrations,
  };
}
