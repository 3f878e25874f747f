import { recordAudit } from '../audit.ts';
import type { Credential, DeviceKeyCredential } from '../credential.ts';
import { listActiveDeviceCredentials } from './active-device-credentials.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import { DEVICE_KEY_AMR } from './device-key-settings.ts';
import { provePossession, type PossessionAttempt, type ProvenPossession } from './prove-possession.ts';

export interface DeviceKeyVerification extends ProvenPossession {
  /**
   * The device key of the device that answered: the credential itself, or, when a WebAuthn
   * credential answered, the key enrolled beside it (null if that key is gone).
   */
  readonly deviceKey: DeviceKeyCredential | null;
  /** Sigil's access token for the user, `amr: ["hwk", "bio"]`, `cred`: the answering credential's id. */
  readonly token: IssuedToken;
}

/** Signs a user in with a device key: proof of possession, then an access token. */
export async function verifyDeviceKey(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, attempt: PossessionAttempt): Promise<DeviceKeyVerification> {
  const proven = await provePossession(deps, ctx, tenant, attempt);
  const { user, credential } = proven;
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'device-key.verified',
    actor: `user:${user.id}`,
    subject: `user:${user.id}`,
    detail: { credential: credential.id, deviceId: credential.deviceId, proof: attempt.proof.kind },
  });
  const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: DEVICE_KEY_AMR, credentialId: credential.credentialId });
  return { ...proven, deviceKey: await deviceKeyOf(deps, tenant, credential), token };
}

async function deviceKeyOf(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, credential: Credential): Promise<DeviceKeyCredential | null> {
  if (credential.kind === 'device_key') return credential;
  if (credential.deviceId === null) return null;
  const beside = await listActiveDeviceCredentials(deps, tenant.id, credential.userId, credential.deviceId);
  return beside.filter((c) => c.kind === 'device_key').at(-1) ?? null;
}
