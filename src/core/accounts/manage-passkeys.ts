import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/** The user's own active passkey with this credential id; another user's is as unknown as none. */
async function ownPasskey(deps: Deps, tenant: Tenant, user: User, credentialId: Uint8Array): Promise<Credential> {
  const found = await deps.storage.credentials.getByCredentialId(tenant.id, credentialId);
  if (!found || found.kind !== 'passkey' || found.status !== 'active' || found.userId !== user.id) {
    throw new DomainError('credential_not_found', { detail: 'not an active passkey of this user' });
  }
  return found;
}

export async function renamePasskey(deps: Deps, ctx: RequestContext, tenant: Tenant, user: User, credentialId: Uint8Array, name: string): Promise<void> {
  const passkey = await ownPasskey(deps, tenant, user, credentialId);
  const clean = name.normalize('NFC').trim().slice(0, 128);
  if (clean === '') throw new DomainError('invalid_request', { detail: 'empty passkey name' });
  await deps.storage.credentials.rename(tenant.id, passkey.id, clean);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.renamed', subject: `user:${user.id}`, detail: { credentialId: toBase64Url(credentialId) } });
}

/** Removes a passkey; the last one is refused (`forbidden`): the account would be locked out. */
export async function removePasskey(deps: Deps, ctx: RequestContext, tenant: Tenant, user: User, credentialId: Uint8Array): Promise<void> {
  const passkey = await ownPasskey(deps, tenant, user, credentialId);
  const active = (await deps.storage.credentials.listByUser(tenant.id, user.id, 'passkey')).filter((c) => c.status === 'active');
  if (active.length <= 1) throw new DomainError('forbidden', { detail: "the user's last passkey" });
  await deps.storage.credentials.delete(tenant.id, passkey.id);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.removed', subject: `user:${user.id}`, detail: { credentialId: toBase64Url(credentialId) } });
}
