import { createHmac } from 'node:crypto';
import type { Services } from '../../services.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { AppKeySettings } from './settings.ts';

/**
 * The username (handle) a login names: the handle itself, or — when the app has user names
 * and no account has that handle — the account whose user name it is. Unknown names stay as
 * given, so the core answers them with stand-in options.
 */
export async function loginNameOf(services: Services, tenant: Tenant, settings: AppKeySettings, handle: string): Promise<string> {
  if (!settings.userNames || (await services.core.storage.users.getByUsername(tenant.id, handle)) !== null) return handle;
  const userId = await services.core.storage.profiles.findUserIdByUserName(tenant.id, handle);
  const user = userId === null ? null : await services.core.storage.users.getById(tenant.id, userId);
  return user?.username ?? handle;
}

/**
 * AppKey's login options name the user (`user{id,name,displayName,handle}`), which would tell
 * anyone whether a handle has an account and whose it is. Sigil answers every handle with the
 * same derived, stable stand-in, known or not: no SDK uses these fields to log in.
 */
export function standInUser(services: Services, tenant: Tenant, handle: string) {
  const id = createHmac('sha256', services.core.settings.enumerationKey).update(`appkey-user\u0000${tenant.id}\u0000${handle}`).digest().subarray(0, 16);
  return { id: Buffer.from(id).toString('base64url'), name: handle, displayName: handle, handle };
}
