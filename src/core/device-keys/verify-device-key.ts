import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';
import { DEVICE_KEY_AMR } from './device-key-settings.ts';
import { holdsIdentityValue, identityValueOf } from './legacy/legacy-identity-value.ts';
import { provePossession, type PossessionAttempt, type ProvenPossession } from './prove-possession.ts';

export interface DeviceKeyVerification extends ProvenPossession {
  /**
   * What the client enrolled for the device that answered, as it sent it: the device key in hex
   * when a key answered; when a WebAuthn credential answered, the value enrolled beside it (the
   * client's sealed identity value, or a device key). Null if that record is gone.
   */
  readonly identityValue: string | null;
  /** Sigil's access token for the user, `amr: ["hwk", "bio"]`, `cred`: the answering credential's id. */
  readonly token: IssuedToken;
}

/**
 * Signs a user in with a device key: proof of possession, then an access token. A username
 * whose enrollment is still provisional is confirmed by this first proof.
 */
export async function verifyDeviceKey(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, attempt: PossessionAttempt): Promise<DeviceKeyVerification> {
  const proven = await provePossession(deps, ctx, tenant, attempt, { confirmProvisional: true });
  const { user, credential } = proven;
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'device-key.verified',
    actor: `user:${user.id}`,
    subject: `user:${user.id}`,
    detail: { credential: credential.id, deviceId: credential.deviceId, proof: attempt.proof.kind },
  });
  const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: DEVICE_KEY_AMR, credentialId: credential.credentialId });
  return { ...proven, identityValue: await identityValueBeside(deps, tenant, credential), token };
}

async function identityValueBeside(deps: Pick<CoreDeps, 'storage' | 'sealer'>, tenant: Tenant, credential: Credential): Promise<string | null> {
  if (holdsIdentityValue(credential)) return identityValueOf(deps, credential);
  if (credential.deviceId === null) return null;
  const beside = await listActiveDeviceCredentials(deps, tenant.id, credential.userId, credential.deviceId);
  const record = beside.filter(holdsIdentityValue).at(-1);
  return record === undefined ? null : identityValueOf(deps, record);
}
