import { recordAudit } from '../audit.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

export const MAX_PASSKEY_NAME_LENGTH = 128;

/**
 * A passkey by Sigil's record id, optionally only when it belongs to `ownerId` (a user managing
 * their own passkeys): another user's passkey is as unknown as a missing one.
 */
export async function findPasskey(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, id: string, ownerId: string | null): Promise<PasskeyCredential> {
  const credential = await deps.storage.credentials.getById(tenant.id, id);
  if (credential === null || credential.kind !== 'passkey' || (ownerId !== null && credential.userId !== ownerId)) {
    throw new DomainError('credential_not_found');
  }
  return credential;
}

export async function renamePasskey(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, id: string, ownerId: string | null, name: string): Promise<void> {
  const trimmed = name.normalize('NFC').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_PASSKEY_NAME_LENGTH) throw new DomainError('invalid_request', { detail: `a passkey name is 1-${MAX_PASSKEY_NAME_LENGTH} characters` });
  await deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const passkey = await findPasskey(tx, tenant, id, ownerId);
    await storage.credentials.rename(tenant.id, passkey.id, trimmed);
    await recordAudit(tx, ctx, { tenantId: tenant.id, action: 'passkey.renamed', subject: `user:${passkey.userId}`, detail: { passkeyId: passkey.id } });
  });
}

export async function deletePasskey(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, id: string, ownerId: string | null): Promise<void> {
  // The owner check and the deletion in one unit of work.
  await deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const passkey = await findPasskey(tx, tenant, id, ownerId);
    if (!(await storage.credentials.delete(tenant.id, passkey.id))) throw new DomainError('credential_not_found');
    await recordAudit(tx, ctx, { tenantId: tenant.id, action: 'passkey.deleted', subject: `user:${passkey.userId}`, detail: { passkeyId: passkey.id } });
  });
}
