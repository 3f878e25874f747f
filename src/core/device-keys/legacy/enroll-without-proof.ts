import { recordAudit } from '../../audit.ts';
import type { LegacyBioKeyIdentity } from '../../credential.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import type { User } from '../../user.ts';
import { listActiveDeviceCredentials } from '../active-device-credentials.ts';
import { findOrSignUpAccount } from '../find-or-sign-up-account.ts';
import { buildSealedIdentityCredential } from './legacy-identity-value.ts';

export interface LegacyEnrollment {
  readonly username: string;
  readonly deviceId: string;
  /** Label only (BioKey `method`). */
  readonly name: string;
  /** The client's 64-character identity value: not a key, possibly a secret (a PRF output). */
  readonly value: string;
  /** The dialect's tenant setting that allows this (BioKey's `insecureLegacyMode`); refused without it. */
  readonly insecureSwitchOn: boolean;
}

/**
 * INSECURE, for a tenant's explicit legacy switch only (BioKey v0.1.0 `/enroll`): anyone binds
 * any username to any value, replacing the user's previous BioKey credentials, with no proof at all. The
 * value is sealed at rest. Revoked identities stay as history; nothing is overwritten in place.
 */
export async function enrollWithoutProof(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, input: LegacyEnrollment): Promise<{ user: User; credential: LegacyBioKeyIdentity }> {
  if (!input.insecureSwitchOn) throw new DomainError('forbidden', { detail: 'the insecure legacy mode is off' });
  const { user } = await findOrSignUpAccount(deps, ctx, tenant, { username: input.username }, true);
  const now = deps.clock.now();
  for (const old of await listActiveDeviceCredentials(deps, tenant.id, user.id)) {
    if (old.enrolledVia === 'biokey') await deps.storage.credentials.setStatus(tenant.id, old.id, 'revoked', now);
  }
  const credential = buildSealedIdentityCredential(deps, tenant, user.id, input.value, input);
  await deps.storage.credentials.create(credential);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device-key.legacy-enrolled', subject: `user:${user.id}`, detail: { credential: credential.id, deviceId: input.deviceId, insecure: true } });
  return { user, credential };
}
