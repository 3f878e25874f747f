import type { Credential } from '../credential.ts';
import type { ClientDevice } from '../devices/client-device.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { MpcKey } from '../keyshares/mpc-key.ts';
import { enabledDialects } from '../tenant-dialects.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

/** Everything an operator sees of one user. */
export interface UserDetail {
  readonly user: User;
  /** Passkeys, device keys and legacy identities, oldest first, revoked ones included. */
  readonly credentials: readonly Credential[];
  /** When a face was enrolled for step-up, or null. */
  readonly faceRegisteredAt: number | null;
  /** Explicit sign-ups with a dialect's service (Duo's `register`), by dialect name. */
  readonly dialectRegistrations: Readonly<Record<string, number>>;
  /** MPC keys reported for the user (Duo's keys), with whether a key-share backup exists. */
  readonly mpcKeys: readonly (MpcKey & { readonly backedUp: boolean })[];
  /** Devices the user signed in or registered from, as their clients describe them; most recent first. */
  readonly clientDevices: readonly ClientDevice[];
}

export async function getUserDetail(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, userId: string): Promise<UserDetail> {
  const user = await deps.storage.users.getById(tenant.id, userId);
  if (!user) throw new DomainError('user_not_found');
  const [credentials, face, mpcKeys, backups, clientDevices] = await Promise.all([
    deps.storage.credentials.listByUser(tenant.id, userId),
    deps.storage.faces.get(tenant.id, userId),
    deps.storage.mpcKeys.listByUser(tenant.id, userId),
    deps.storage.keyshares.listByUser(tenant.id, userId),
    deps.storage.clientDevices.listByUser(tenant.id, userId),
  ]);
  const dialectRegistrations: Record<string, number> = {};
  for (const dialect of enabledDialects(tenant.dialects)) {
    const registration = await deps.storage.dialectUsers.get(tenant.id, userId, dialect);
    if (registration) dialectRegistrations[dialect] = registration.registeredAt;
  }
  const backedUp = new Set(backups.map((b) => b.keyId));
  return {
    user,
    credentials,
    faceRegisteredAt: face?.registeredAt ?? null,
    dialectRegistrations,
    mpcKeys: mpcKeys.map((k) => ({ ...k, backedUp: backedUp.has(k.keyId) })),
    clientDevices,
  };
}
