import { auditEventOf } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

export const MAX_CREDENTIAL_NAME_LENGTH = 128;

/** Renames a passkey or device key (the label operators and users see). */
export async function renameCredential(deps: Deps, ctx: RequestContext, tenant: Tenant, id: string, name: string): Promise<Credential> {
  const label = name.normalize('NFC').trim();
  if (label === '' || label.length > MAX_CREDENTIAL_NAME_LENGTH) {
    throw new DomainError('invalid_request', { detail: `name must be 1-${MAX_CREDENTIAL_NAME_LENGTH} characters` });
  }
  return deps.storage.transaction(async (storage) => {
    const credential = await storage.credentials.getById(tenant.id, id);
    if (!credential || !(await storage.credentials.rename(tenant.id, id, label))) throw new DomainError('credential_not_found');
    await storage.audit.append(auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'credential.renamed', subject: `user:${credential.userId}`, detail: { credential: id } }));
    return { ...credential, name: label };
  });
}

/**
 * Revokes a credential through the storage port's `setStatus`, so the next login on any node
 * (which reads the credential's status from storage, or from a cache that the port's decorator
 * invalidates) refuses it. Revoking a revoked credential changes nothing and answers it as it is.
 */
export async function revokeCredential(deps: Deps, ctx: RequestContext, tenant: Tenant, id: string): Promise<Credential> {
  return deps.storage.transaction(async (storage) => {
    const credential = await storage.credentials.getById(tenant.id, id);
    if (!credential) throw new DomainError('credential_not_found');
    if (credential.status === 'revoked') return credential;
    const now = deps.clock.now();
    await storage.credentials.setStatus(tenant.id, id, 'revoked', now);
    await storage.audit.append(
      auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'credential.revoked', subject: `user:${credential.userId}`, detail: { credential: id, kind: credential.kind } }),
    );
    return { ...credential, status: 'revoked', revokedAt: now };
  });
}
