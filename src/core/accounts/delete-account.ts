import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

/** Deletes a user and everything of theirs, in one transaction; `user_not_found` when absent. */
export async function deleteAccount(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, userId: string): Promise<void> {
  if (!(await deps.storage.accounts.deleteUser(tenant.id, userId))) throw new DomainError('user_not_found');
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'user.deleted', subject: `user:${userId}` });
}

/** Deletes every passkey of a user (the account stays); `user_not_found` when absent. */
export async function deleteAccountPasskeys(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, userId: string): Promise<number> {
  if ((await deps.storage.users.getById(tenant.id, userId)) === null) throw new DomainError('user_not_found');
  const count = await deps.storage.accounts.deleteCredentials(tenant.id, userId, 'passkey');
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.deleted-all', subject: `user:${userId}`, detail: { count } });
  return count;
}

/** Forgets every device of a user; `user_not_found` when absent. */
export async function deleteAccountDevices(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, userId: string): Promise<number> {
  if ((await deps.storage.users.getById(tenant.id, userId)) === null) throw new DomainError('user_not_found');
  const count = await deps.storage.clientDevices.deleteByUser(tenant.id, userId);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device.deleted-all', subject: `user:${userId}`, detail: { count } });
  return count;
}

/** Forgets one device; `device_not_found` when the tenant has none with this id. */
export async function deleteClientDevice(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, deviceId: string): Promise<void> {
  const device = await deps.storage.clientDevices.get(tenant.id, deviceId);
  if (device === null || !(await deps.storage.clientDevices.delete(tenant.id, deviceId))) throw new DomainError('device_not_found');
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device.deleted', subject: `user:${device.userId}`, detail: { deviceId } });
}
