import type { Credential } from '../../core/credential.ts';
import type { SoftwareAuthenticator } from './software-authenticator.ts';

/** The stored credential record a registration by `authenticator` would have produced. */
export function passkeyRecord(authenticator: SoftwareAuthenticator, overrides: Partial<Credential> = {}): Credential {
  return {
    id: 'cred-record-1',
    tenantId: 'tenant-1',
    userId: 'user-1',
    kind: 'passkey',
    credentialId: authenticator.credentialId,
    publicKey: authenticator.key.cose,
    algorithm: authenticator.key.alg,
    signCount: 0,
    aaguid: null,
    transports: ['internal'],
    attestationFormat: 'none',
    attestationTrust: 'none',
    backupEligible: authenticator.backupEligible,
    backupState: authenticator.backupState,
    userVerified: true,
    deviceId: null,
    name: null,
    platform: null,
    status: 'active',
    createdAt: Date.UTC(2026, 0, 1),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}
