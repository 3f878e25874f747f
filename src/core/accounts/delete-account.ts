import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/** Deletes a user and everything of theirs, audited, in one unit of work; `user_not_found` when absent. */
export async function deleteAccount(deps: Deps, ctx: RequestContext, tenant: Tenant, userId: string): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    if (!(await storage.accounts.deleteUser(tenant.id, userId))) throw new DomainError('user_not_found');
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'user.deleted', subject: `user:${userId}` });
  });
}

/** Deletes every passkey of a user (the account stays); `user_not_found` when absent. */
export async function deleteAccountPasskeys(deps: Deps, ctx: RequestContext, tenant: Tenant, userId: string): Promise<number> {
  return deps.storage.transaction(async (storage) => {
    if ((await storage.users.getById(tenant.id, userId)) === null) throw new DomainError('user_not_found');
    const count = await storage.accounts.deleteCredentials(tenant.id, userId, 'passkey');
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'passkey.deleted-all', subject: `user:${userId}`, detail: { count } });
    return count;
  });
}

/** Forgets every device of a user; `user_not_found` when absent. */
export async function deleteAccountDevices(deps: Deps, ctx: RequestContext, tenant: Tenant, userId: string): Promise<number> {
  return deps.storage.transaction(async (storage) => {
    if ((await storage.users.getById(tenant.id, userId)) === null) throw new DomainError('user_not_found');
    const count = await storage.clientDevices.deleteByUser(tenant.id, userId);
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'device.deleted-all', subject: `user:${userId}`, detail: { count } });
    return count;
  });
}

/** Forgets one device; `device_not_found` when the tenant has none with this id. */
export async function deleteClientDevice(deps: Deps, ctx: RequestContext, tenant: Tenant, deviceId: string): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    const device = await storage.clientDevices.get(tenant.id, deviceId);
    if (device === null || !(await storage.clientDevices.delete(tenant.id, deviceId))) throw new DomainError('device_not_found');
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'device.deleted', subject: `user:${device.userId}`, detail: { deviceId } });
  });
}
