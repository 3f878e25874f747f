import { lookupIdOf } from '../api-keys/api-key-hash.ts';
import { authenticateApiKey } from '../api-keys/authenticate-api-key.ts';
import { recordAudit } from '../audit.ts';
import { finishPasskeyAuthentication } from '../ceremonies/finish-passkey-authentication.ts';
import { startPasskeyAuthentication, type AuthenticationStart } from '../ceremonies/start-passkey-authentication.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { consoleRelyingParty } from './console-relying-party.ts';
import type { SessionHolder } from './operator-sessions.ts';

/** Login options for the console: discoverable, or for a username, always user-verified. */
export function startOperatorSignIn(deps: CoreDeps, tenant: Tenant, username: string | undefined): Promise<AuthenticationStart> {
  const rp = consoleRelyingParty(tenant, deps.settings.publicUrl);
  return startPasskeyAuthentication(deps, rp, { ...(username === undefined ? {} : { username }), userVerification: 'required' });
}

/**
 * Verifies the passkey (the core login ceremony, which audits it) and then the role: a user
 * who is not an operator of the tenant is refused, and the refusal is audited.
 */
export async function finishOperatorSignIn(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, session: string, response: unknown): Promise<SessionHolder> {
  const rp = consoleRelyingParty(tenant, deps.settings.publicUrl);
  const { user } = await finishPasskeyAuthentication(deps, ctx, rp, session, response);
  const operator = await deps.storage.operators.get(tenant.id, user.id);
  if (!operator) {
    await recordAudit(deps, ctx, { tenantId: tenant.id, actor: `user:${user.id}`, action: 'operator.signed-in', subject: `user:${user.id}`, outcome: 'failure', detail: { method: 'passkey', code: 'forbidden' } });
    throw new DomainError('forbidden', { detail: 'not an operator of this tenant' });
  }
  await recordAudit(deps, ctx, { tenantId: tenant.id, actor: `user:${user.id}`, action: 'operator.signed-in', subject: `user:${user.id}`, detail: { method: 'passkey' } });
  return { kind: 'operator', userId: user.id };
}

/** The fallback: an API key opens a session of its tenant with the key's scopes. */
export async function signInWithApiKey(deps: CoreDeps, ctx: RequestContext, presented: string): Promise<{ tenant: Tenant; holder: SessionHolder }> {
  try {
    const { tenant, apiKey } = await authenticateApiKey(deps, presented, {});
    await recordAudit(deps, ctx, { tenantId: tenant.id, actor: `api-key:${apiKey.id}`, action: 'operator.signed-in', subject: `api-key:${apiKey.id}`, detail: { method: 'api-key' } });
    return { tenant, holder: { kind: 'api-key', apiKeyId: apiKey.id, lookupId: lookupIdOf(presented) } };
  } catch (error) {
    // A key that matches nothing names no tenant: the refusal goes to the default tenant's log.
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: deps.tenants.defaultTenant().id, action: 'operator.signed-in', outcome: 'failure', detail: { method: 'api-key', code } });
    throw error;
  }
}
