import { recordAudit } from '../audit.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser, type NewUser } from '../users/create-user.ts';

/**
 * Stores a verified passkey for its user, creating the user first when `newUser` is given
 * (the credential's `userId` becomes the user's id). Call it inside a unit of work, with the
 * view as `deps.storage`: a user is then never created without the credential it was created
 * for, even when concurrent registrations race for the credential id or the username.
 */
export async function storeRegisteredPasskey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  credential: PasskeyCredential,
  newUser: Omit<NewUser, 'id'> | null,
): Promise<User> {
  // §7.1 step 24: a credential id is registered once (checked before a new user is created).
  if (await deps.storage.credentials.getByCredentialId(tenant.id, credential.credentialId)) {
    throw new DomainError('credential_conflict', { detail: 'credential id already registered' });
  }
  const user = newUser ? await createUser(deps, ctx, tenant, { ...newUser, id: credential.userId }) : await existingUser(deps, tenant, credential.userId);
  await deps.storage.credentials.create(credential);
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'passkey.registered',
    subject: `user:${user.id}`,
    detail: { credentialId: toBase64Url(credential.credentialId), fmt: credential.attestationFormat, trust: credential.attestationTrust, aaguid: credential.aaguid },
  });
  return user;
}

async function existingUser(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, userId: string): Promise<User> {
  const user = await deps.storage.users.getById(tenant.id, userId);
  if (!user) throw new DomainError('user_not_found', { detail: 'the user was deleted during the ceremony' });
  if (user.status !== 'active') throw new DomainError('user_disabled');
  return user;
}
