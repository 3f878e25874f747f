import { newPasskeyRecord } from '../../core/ceremonies/passkey-credential.ts';
import type { PasskeyCredential } from '../../core/credential.ts';
import type { SoftwareAuthenticator } from './software-authenticator.ts';

/** The stored credential record a registration by `authenticator` would have produced. */
export function passkeyRecord(authenticator: SoftwareAuthenticator, overrides: Partial<PasskeyCredential> = {}): PasskeyCredential {
  const record = newPasskeyRecord(
    { id: 'cred-record-1', tenantId: 'tenant-1', userId: 'user-1', enrolledVia: 'native', deviceId: null, name: null, createdAt: Date.UTC(2026, 0, 1) },
    {
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
    },
  );
  return { ...record, ...overrides };
}
