import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { createUser } from '../users/create-user.ts';
import type { User } from '../user.ts';
import { toHex } from '../encoding.ts';

/**
 * The Sigil user of an external (issuer, subject), created on first sight. The username is
 * derived from the pair (`<subject>@<issuer host>`) so two concurrent first requests collide on
 * it instead of creating two users; the loser then finds the winner's link.
 */
export async function userForExternalIdentity(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  issuer: string,
  subject: string,
): Promise<{ user: User; created: boolean }> {
  const linked = await findLinked(deps, tenant, issuer, subject);
  if (linked) return { user: linked, created: false };
  const base = `${subject}@${issuerHost(issuer)}`.slice(0, 200);
  for (const username of [base, `${base}#${toHex(deps.random.bytes(4))}`]) {
    let user: User;
    try {
      user = await createUser(deps, ctx, tenant, { username, displayName: subject });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'username_taken') throw error;
      const raced = await findLinked(deps, tenant, issuer, subject);
      if (raced) return { user: raced, created: false };
      continue; // a local user already holds the name: take a distinct one
    }
    const winner = await deps.storage.externalIdentities.link({ tenantId: tenant.id, issuer, subject, userId: user.id, createdAt: deps.clock.now() });
    if (winner === user.id) return { user, created: true };
    const other = await deps.storage.users.getById(tenant.id, winner);
    if (other) return { user: other, created: false };
  }
  throw new DomainError('service_unavailable', { detail: 'could not link an external identity' });
}

async function findLinked(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, issuer: string, subject: string): Promise<User | null> {
  const userId = await deps.storage.externalIdentities.findUserId(tenant.id, issuer, subject);
  return userId === null ? null : deps.storage.users.getById(tenant.id, userId);
}

/** The host of a URL issuer; some providers use a bare host name (`accounts.google.com`). */
function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host || issuer;
  } catch {
    return issuer;
  }
}
