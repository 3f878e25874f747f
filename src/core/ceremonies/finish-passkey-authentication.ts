import { auditEventOf, recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { AuditEvent } from '../audit-event.ts';
import type { Credential, PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { readAssertionResponse, type AssertionResponse } from '../passkeys/read-assertion-response.ts';
import { verifyReadAssertion, type AssertionResult } from '../passkeys/verify-assertion.ts';
import type { Tenant, UserVerificationPolicy } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import type { User } from '../user.ts';
import { movePasskeyCounter } from './move-passkey-counter.ts';
import { userHandleOf } from './user-handle.ts';

export interface AuthenticationFinish {
  readonly user: User;
  readonly credential: Credential;
  readonly token: IssuedToken;
}

/**
 * The login hot path: spend the challenge, find the passkey, verify the assertion (§7.2, on
 * node:crypto with a cached key), move the counter by compare-and-set (judged again against a
 * fresh read when the stored counter moved since the read), audit, sign a token.
 */
export async function finishPasskeyAuthentication(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, session: string, response: unknown): Promise<AuthenticationFinish> {
  // Spending the challenge and reading the passkey are independent: both start now, so they reach
  // the stores together (one write to a shared ephemeral store, the cache's stamp check included).
  // The challenge is spent whatever happens next, and its failure is the one reported; the read's
  // outcome, good or bad, is looked at only once the challenge was found.
  const consumed = consumeChallenge(deps, tenant.id, session, 'passkey.authentication');
  const read = readPasskey(deps, tenant, response);
  read.catch(() => undefined);
  const challenge = await consumed;
  let credential: Credential | null = null;
  try {
    const { assertion, found } = await read;
    credential = found?.credential ?? null;
    // §7.2 step 6: a username-first ceremony accepts only that user's passkeys.
    if (!found || found.credential.kind !== 'passkey') throw new DomainError('credential_not_found', { detail: 'unknown credential id' });
    if (challenge.userId !== null && found.credential.userId !== challenge.userId) throw new DomainError('credential_not_found', { detail: "not the named user's credential" });
    const user = found.owner;
    if (user.status !== 'active') throw new DomainError('user_disabled');
    const expected = {
      challenge: challenge.challenge,
      origins: tenant.origins,
      rpId: tenant.rpId,
      userVerification: challenge.data.userVerification as UserVerificationPolicy,
      // §7.2 step 15 demands UP; only the FIDO conformance tenant switch waives it.
      requireUserPresence: !tenant.policies.insecureAllowLoginWithoutUserPresence,
      userHandle: userHandleOf(user.id),
    };
    const result = verifyReadAssertion(assertion, expected, found.credential, deps.passkeys.keyCache);
    // §7.2 step 6, discoverable case: the user was identified by the response, so it must say who.
    if (challenge.userId === null && result.userHandle === null) throw new DomainError('credential_not_found', { detail: 'discoverable login without userHandle' });
    const audited = auditEventOf(deps, ctx, { tenantId: tenant.id, actor: `user:${user.id}`, action: 'passkey.authenticated', subject: `user:${user.id}`, detail: { credentialId: toBase64Url(found.credential.credentialId) } });
    await storeUse(deps, ctx, tenant, found.credential, result, audited);
    const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: ['passkey'], credentialId: found.credential.credentialId });
    return { user, credential: found.credential, token };
  } catch (error) {
    const detail = { code: error instanceof DomainError ? error.code : 'internal', ...(credential ? { credentialId: toBase64Url(credential.credentialId) } : {}) };
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.authenticated', subject: credential ? `user:${credential.userId}` : null, outcome: 'failure', detail });
    throw error;
  }
}

/** The response, read, and the passkey it names with its owner (both started before the first await). */
async function readPasskey(deps: CoreDeps, tenant: Tenant, response: unknown): Promise<{ assertion: AssertionResponse; found: { credential: Credential; owner: User } | null }> {
  const assertion = readAssertionResponse(response);
  return { assertion, found: await deps.storage.credentials.getWithOwner(tenant.id, assertion.rawId) };
}

/** §7.2 steps 18 and 22: counter by compare-and-set; a change of backup eligibility is noted, not fatal. */
async function storeUse(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, credential: PasskeyCredential, verified: AssertionResult, audited: AuditEvent): Promise<void> {
  // The counter's move and its audit row are one atomic write: both or neither (a lost
  // compare-and-set writes neither, so a retry may append the same event).
  const { result } = await movePasskeyCounter(deps.storage, {
    tenantId: tenant.id,
    credential,
    result: verified,
    at: deps.clock.now(),
    write: (expectedSignCount, patch) => deps.storage.credentials.recordUseAudited(tenant.id, credential.id, expectedSignCount, patch, audited),
  });
  if (result.backupEligibilityChanged) {
    ctx.logger.warn({ credentialId: toBase64Url(credential.credentialId), backupEligible: result.backupEligible }, 'passkey backup eligibility changed');
    await recordAudit(deps, ctx, {
      tenantId: tenant.id,
      action: 'passkey.backup-eligibility-changed',
      subject: `user:${credential.userId}`,
      detail: { credentialId: toBase64Url(credential.credentialId), backupEligible: result.backupEligible },
    });
  }
}
