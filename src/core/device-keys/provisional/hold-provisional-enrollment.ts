import { recordAudit } from '../../audit.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import { normalizeUsername } from '../../user.ts';
import type { DeviceKeyDescription } from '../device-key-credential.ts';
import { PROVISIONAL_ENROLLMENT_TTL_SECONDS } from '../device-key-settings.ts';
import { identityCredentialIdsOf, identityCredentialsOf, type DeviceIdentity } from '../device-identity.ts';
import { encodeProvisionalEnrollment, provisionalPointerKey, provisionalRecordKey, type ProvisionalEnrollment } from './provisional-enrollment.ts';

/**
 * Holds the enrollment of a username that has no account yet, proved by nothing, until its
 * first successful verification (`confirmProvisionalEnrollment`): it replaces the username's
 * previous provisional enrollment, if any, and lapses after PROVISIONAL_ENROLLMENT_TTL_SECONDS.
 * Sign-up must be open, and what it claims must not be bound in the tenant already.
 */
export async function holdProvisionalEnrollment(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  input: { readonly username: string; readonly identity: DeviceIdentity; readonly description: DeviceKeyDescription },
): Promise<ProvisionalEnrollment> {
  if (!tenant.policies.allowSignUp) throw new DomainError('signup_disabled');
  for (const id of identityCredentialIdsOf(input.identity)) {
    if (await deps.storage.credentials.getByCredentialId(tenant.id, id)) throw new DomainError('credential_conflict', { detail: 'bound to another user' });
  }
  const username = normalizeUsername(input.username);
  const userId = deps.random.uuid();
  const ttlMs = PROVISIONAL_ENROLLMENT_TTL_SECONDS * 1000;
  const enrollment: ProvisionalEnrollment = {
    id: deps.random.uuid(),
    username,
    userId,
    deviceId: input.description.deviceId,
    credentials: identityCredentialsOf(deps, tenant, userId, input.identity, input.description),
    expiresAt: deps.clock.now() + ttlMs,
  };
  const pointer = provisionalPointerKey(tenant.id, username);
  const previous = await deps.ephemeral.get(pointer);
  await deps.ephemeral.set(provisionalRecordKey(tenant.id, enrollment.id), encodeProvisionalEnrollment(enrollment), ttlMs);
  await deps.ephemeral.set(pointer, enrollment.id, ttlMs);
  if (previous !== null) await deps.ephemeral.delete(provisionalRecordKey(tenant.id, previous));
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'device-key.enrollment-held',
    subject: `user:${userId}`,
    detail: { provisional: enrollment.id, deviceId: enrollment.deviceId, webauthn: input.identity.kind === 'webauthn', replaced: previous, expiresAt: enrollment.expiresAt },
  });
  return enrollment;
}
