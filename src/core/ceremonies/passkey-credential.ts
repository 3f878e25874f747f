import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';

/** Where a passkey lives, when a ceremony knows (BioKey's hardened enrollment names a device). */
export interface PasskeyPlacement {
  readonly deviceId: string | null;
  readonly name: string | null;
  readonly platform: string | null;
}

/** The record to store for a freshly verified passkey. */
export function passkeyCredentialOf(
  deps: Pick<CoreDeps, 'clock' | 'random'>,
  tenant: Tenant,
  userId: string,
  passkey: RegisteredPasskey,
  placement: PasskeyPlacement,
): Credential {
  return {
    id: deps.random.uuid(),
    tenantId: tenant.id,
    userId,
    kind: 'passkey',
    credentialId: passkey.credentialId,
    publicKey: passkey.publicKey,
    algorithm: passkey.algorithm,
    signCount: passkey.signCount,
    aaguid: passkey.aaguid,
    transports: passkey.transports,
    attestationFormat: passkey.attestationFormat,
    attestationTrust: passkey.attestationTrust,
    backupEligible: passkey.backupEligible,
    backupState: passkey.backupState,
    userVerified: passkey.userVerified,
    deviceId: placement.deviceId,
    name: placement.name,
    platform: placement.platform,
    status: 'active',
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
}
