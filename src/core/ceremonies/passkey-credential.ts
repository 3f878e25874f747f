import type { EnrollingDialect, PasskeyCredential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';

/** What a verified registration says of the credential itself (L3 §7.1 step 27). */
export type PasskeyMaterial = Pick<
  PasskeyCredential,
  'credentialId' | 'publicKey' | 'algorithm' | 'signCount' | 'aaguid' | 'transports' | 'attestationFormat' | 'attestationTrust' | 'backupEligible' | 'backupState' | 'userVerified'
>;

/** Whose the record is, where it was enrolled, and what it is called. */
export type PasskeyRecordOwner = Pick<PasskeyCredential, 'id' | 'tenantId' | 'userId' | 'enrolledVia' | 'deviceId' | 'name' | 'createdAt'>;

/** The one place a passkey record is assembled: active and never used yet. */
export function newPasskeyRecord(owner: PasskeyRecordOwner, material: PasskeyMaterial): PasskeyCredential {
  return {
    ...owner,
    kind: 'passkey',
    credentialId: material.credentialId,
    publicKey: material.publicKey,
    algorithm: material.algorithm,
    signCount: material.signCount,
    aaguid: material.aaguid,
    transports: material.transports,
    attestationFormat: material.attestationFormat,
    attestationTrust: material.attestationTrust,
    backupEligible: material.backupEligible,
    backupState: material.backupState,
    userVerified: material.userVerified,
    status: 'active',
    lastUsedAt: null,
    revokedAt: null,
  };
}

/** Where a passkey was enrolled, and beside which device when a ceremony names one (BioKey). */
export interface PasskeyPlacement {
  readonly enrolledVia: EnrollingDialect;
  readonly deviceId: string | null;
  readonly name: string | null;
}

/** The record to store for a freshly verified passkey. */
export function passkeyCredentialOf(
  deps: Pick<CoreDeps, 'clock' | 'random'>,
  tenant: Tenant,
  userId: string,
  passkey: RegisteredPasskey,
  placement: PasskeyPlacement,
): PasskeyCredential {
  const { enrolledVia, deviceId, name } = placement;
  return newPasskeyRecord({ id: deps.random.uuid(), tenantId: tenant.id, userId, enrolledVia, deviceId, name, createdAt: deps.clock.now() }, passkey);
}
