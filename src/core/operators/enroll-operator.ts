import { recordAudit } from '../audit.ts';
import { finishPasskeyRegistration } from '../ceremonies/finish-passkey-registration.ts';
import { startPasskeyRegistration, type RegistrationStart } from '../ceremonies/start-passkey-registration.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import { consoleRelyingParty } from './console-relying-party.ts';
import { enrollmentSecretHash, findLiveEnrollment } from './enrollment-links.ts';
import type { Operator } from './operator.ts';

/**
 * Step one of an enrollment: the link must be live; the new operator is a new user of the
 * tenant, with a resident, user-verified passkey for the console's origin.
 */
export async function startOperatorEnrollment(
  deps: CoreDeps,
  tenant: Tenant,
  secret: string,
  input: { username: string; displayName?: string },
): Promise<RegistrationStart> {
  await findLiveEnrollment(deps, tenant, secret);
  // An operator is a new user: the link is no authority over an existing account.
  if (await deps.storage.users.getByUsername(tenant.id, normalizeUsername(input.username))) throw new DomainError('username_taken', { detail: 'an operator enrolls as a new user' });
  const rp = consoleRelyingParty(tenant, deps.settings.publicUrl);
  const request = { username: input.username, ...(input.displayName === undefined ? {} : { displayName: input.displayName }), authenticatorSelection: { residentKey: 'required', userVerification: 'required' } };
  return startPasskeyRegistration(deps, rp, request, { bearerUserId: null, grant: null });
}

/**
 * Step two: spends the link, stores the user and passkey, and grants the role, all in one unit
 * of work — a failed ceremony leaves the link usable, and two browsers racing with one link
 * make one operator.
 */
export async function finishOperatorEnrollment(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  secret: string,
  session: string,
  response: unknown,
): Promise<{ user: User; operator: Operator }> {
  const rp = consoleRelyingParty(tenant, deps.settings.publicUrl);
  try {
    await findLiveEnrollment(deps, tenant, secret);
    return await deps.storage.transaction(async (storage) => {
      const tx = { ...deps, storage };
      const link = await storage.operatorEnrollments.take(tenant.id, enrollmentSecretHash(secret));
      if (!link || deps.clock.now() >= link.expiresAt) throw new DomainError('unauthorized', { detail: 'enrollment link used concurrently or expired' });
      const { user } = await finishPasskeyRegistration(tx, ctx, rp, session, response);
      const operator: Operator = { tenantId: tenant.id, userId: user.id, scopes: link.scopes, createdAt: deps.clock.now() };
      await storage.operators.put(operator);
      await recordAudit(tx, ctx, { tenantId: tenant.id, actor: `user:${user.id}`, action: 'operator.enrolled', subject: `user:${user.id}`, detail: { enrollment: link.id, scopes: link.scopes } });
      return { user, operator };
    });
  } catch (error) {
    // The unit's own rows are rolled back; the refusal is recorded after it.
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'operator.enrolled', outcome: 'failure', detail: { code: error instanceof DomainError ? error.code : 'internal' } });
    throw error;
  }
}
