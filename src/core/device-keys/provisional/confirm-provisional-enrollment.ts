import { recordAudit } from '../../audit.ts';
import type { Credential } from '../../credential.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import { DomainError, isDomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import { normalizeUsername, type User } from '../../user.ts';
import { createUser } from '../../users/create-user.ts';
import { firstAnsweringCredential } from '../first-answering-credential.ts';
import type { PossessionProof, ProofOutcome } from '../proofs/possession-proof.ts';
import type { ProvenPossession } from '../prove-possession.ts';
import { decodeProvisionalEnrollment, provisionalPointerKey, provisionalRecordKey, type ProvisionalEnrollment } from './provisional-enrollment.ts';

const NOTHING_HELD = 'no user and no provisional enrollment has this username';

/**
 * The first successful proof by a provisionally enrolled device makes its enrollment permanent:
 * the account is created under the username, with the enrollment's records, and the answering
 * one's use is recorded. The proof is checked before the enrollment is taken (a wrong proof
 * leaves it to its owner); the take lets exactly one confirmation through and fails for one
 * replaced meanwhile. Anything missing answers like a wrong signature (no enumeration).
 */
export async function confirmProvisionalEnrollment(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  username: string,
  challenge: Uint8Array,
  proof: PossessionProof,
): Promise<ProvenPossession> {
  const pointer = provisionalPointerKey(tenant.id, normalizeUsername(username));
  const held = await heldEnrollment(deps, tenant, await deps.ephemeral.get(pointer));
  const { credential, outcome } = firstAnsweringCredential(deps, tenant, challenge, held.credentials, proof);
  if ((await deps.ephemeral.take(provisionalRecordKey(tenant.id, held.id))) === null) {
    throw new DomainError('signature_invalid', { detail: 'the provisional enrollment was replaced or confirmed meanwhile' });
  }
  await deps.ephemeral.delete(pointer);
  if (!tenant.policies.allowSignUp) throw new DomainError('signup_disabled');
  const now = deps.clock.now();
  const used = held.credentials.map((record) => (record.id === credential.id ? usedRecord(record, outcome, now) : record));
  // One unit of work: the account, every record of the enrollment (the answering one with its use
  // applied) and the audit, or nothing; the enrollment was taken above, so a failure here leaves
  // the name free for its client to enroll again.
  const user = await deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    for (const record of used) {
      if (await storage.credentials.getByCredentialId(tenant.id, record.credentialId)) throw new DomainError('credential_conflict', { detail: 'bound to another user meanwhile' });
    }
    const created = await createAccount(tx, ctx, tenant, held);
    for (const record of used) await storage.credentials.create(record);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'device-key.enrolled',
      subject: `user:${created.id}`,
      detail: { credential: credential.id, deviceId: held.deviceId, provisional: held.id, authority: 'sign-up', confirmedBy: proof.kind },
    });
    return created;
  });
  return { user, credential };
}

/** The answering record as its first use leaves it: a passkey's counter and backup flags move. */
function usedRecord(record: Credential, outcome: ProofOutcome, now: number): Credential {
  if (record.kind === 'passkey' && outcome !== null) return { ...record, ...outcome, lastUsedAt: now };
  return { ...record, lastUsedAt: now };
}

async function heldEnrollment(deps: Pick<CoreDeps, 'ephemeral'>, tenant: Tenant, id: string | null): Promise<ProvisionalEnrollment> {
  const text = id === null ? null : await deps.ephemeral.get(provisionalRecordKey(tenant.id, id));
  if (text === null) throw new DomainError('signature_invalid', { detail: NOTHING_HELD });
  return decodeProvisionalEnrollment(text);
}

async function createAccount(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, held: ProvisionalEnrollment): Promise<User> {
  try {
    return await createUser(deps, ctx, tenant, { id: held.userId, username: held.username });
  } catch (error) {
    // Another API of the tenant signed the name up meanwhile: that account is not this device's.
    if (isDomainError(error) && error.code === 'username_taken') throw new DomainError('credential_conflict', { detail: 'the username was taken meanwhile' });
    throw error;
  }
}
