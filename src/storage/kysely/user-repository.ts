import { sql, type Kysely } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { UserPage, UserPatch, UserRepository } from '../../core/ports.ts';
import type { User } from '../../core/user.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { userFromRow, userPatchToRow, userToRow, type UserTable } from './user-row.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { precompile } from './precompiled.ts';
import { deleteUserRows } from './user-owned-tables.ts';

const USERNAME_KEY = { name: 'users_tenant_username_key', table: 'users', columns: ['tenant_id', 'username'] } as const;

export function createUserRepository(db: Kysely<Database>, hot: HotPathExecutor): UserRepository {
  // The login path's lookups, compiled once (see precompiled.ts).
  const byId = precompile<[string, string], UserTable>(hot, 2, (t, id) => db.selectFrom('users').selectAll().where('tenant_id', '=', t).where('id', '=', id));
  const byUsername = precompile<[string, string], UserTable>(hot, 2, (t, name) =>
    db.selectFrom('users').selectAll().where('tenant_id', '=', t).where('username', '=', name),
  );
  return {
    async create(user: User): Promise<void> {
      try {
        await db.insertInto('users').values(userToRow(user)).execute();
      } catch (error) {
        if (isUniqueViolation(error, USERNAME_KEY)) {
          throw new DomainError('username_taken', { detail: 'the username exists in this tenant' });
        }
        throw error;
      }
    },

    async getById(tenantId: string, id: string): Promise<User | null> {
      const [row] = (await byId(tenantId, id)).rows;
      return row === undefined ? null : userFromRow(row);
    },

    async getByUsername(tenantId: string, username: string): Promise<User | null> {
      const [row] = (await byUsername(tenantId, username)).rows;
      return row === undefined ? null : userFromRow(row);
    },

    async update(tenantId: string, id: string, patch: UserPatch): Promise<User | null> {
      const row = await db
        .updateTable('users')
        .set(userPatchToRow(patch))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : userFromRow(row);
    },

    /** Keyset pagination in id order: `after` is the last id of the previous page. */
    async list(tenantId: string, page: UserPage): Promise<User[]> {
      let query = db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
      if (page.after !== undefined) query = query.where('id', '>', page.after);
      if (page.query !== undefined && page.query !== '') {
        const pattern = containsPattern(page.query);
        const like = (column: 'username' | 'email' | 'phone') => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
        query = query.where((eb) => eb.or([like('username'), like('email'), like('phone')]));
      }
      const rows = await query.orderBy('id').limit(page.limit).execute();
      return rows.map(userFromRow);
    },

    delete: (tenantId: string, id: string) => deleteUserRows(db, tenantId, id),
  };
}

/** `%text%` in lower case, with LIKE's wildcards (and the escape character) taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
