import { randomUUID } from 'node:crypto';
import { openStorage } from '../src/storage/open-storage.ts';
import { passkeyRecord } from '../src/testing/authenticator/passkey-record.ts';
import type { BenchUser } from './login-load.ts';

/** Users written per unit of work. */
const BATCH = 1000;

/**
 * The bench's fast sign-up for large N: writes each user and the passkey its registration
 * ceremony would have stored straight into the database of a Sigil server that has started once
 * (so its default tenant exists) and stopped, through the same storage code the server uses.
 */
export async function seedSigilUsers(dataDir: string, databaseUrl: string | null, users: readonly BenchUser[]): Promise<void> {
  // The server's defaults, but statements as long as a bulk unit of work needs.
  const storage = await openStorage({ dataDir, databaseUrl, sqliteExclusiveLock: false, databaseConnectTimeoutSeconds: 10, databaseStatementTimeoutSeconds: 600, databasePoolSize: 2, databasePoolQueue: 10 });
  try {
    const [tenant, ...others] = await storage.tenants.list();
    if (tenant === undefined || others.length > 0) throw new Error(`expected one tenant, found ${others.length + (tenant ? 1 : 0)}`);
    const now = Date.now();
    for (let start = 0; start < users.length; start += BATCH) {
      await storage.transaction(async (view) => {
        for (const { username, authenticator } of users.slice(start, start + BATCH)) {
          const userId = randomUUID();
          await view.users.create({ id: userId, tenantId: tenant.id, username, displayName: username, email: null, emailVerified: false, phone: null, phoneVerified: false, status: 'active', createdAt: now, updatedAt: now });
          await view.credentials.create(passkeyRecord(authenticator, { id: randomUUID(), tenantId: tenant.id, userId, createdAt: now }));
        }
      });
    }
  } finally {
    await storage.close();
  }
}
