import type { ApiKey } from '../../core/api-key.ts';
import type { AuditEvent } from '../../core/audit-event.ts';
import { newPasskeyRecord } from '../../core/ceremonies/passkey-credential.ts';
import type { DeviceKeyCredential, DeviceKeyOrigin, LegacyBioKeyIdentity, PasskeyCredential } from '../../core/credential.ts';
import type { SigningKeyRecord } from '../../core/signing-key.ts';
import { DEFAULT_DIALECTS, DEFAULT_INTEGRATIONS, DEFAULT_POLICIES } from '../../core/tenant.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import { SeededRandom } from '../../testing/seeded-random.ts';

/** A fixed instant above 2^32 ms, so a timestamp column that truncates to 32 bits shows it. */
export const T0 = Date.parse('2026-11-23T12:00:00.123Z');

/** Deterministic records; every call yields fresh ids, so tests sharing one store never collide. */
export interface Fixtures {
  bytes(length: number): Uint8Array;
  id(): string;
  tenant(overrides?: Partial<Tenant>): Tenant;
  user(tenantId: string, overrides?: Partial<User>): User;
  /** A passkey (enrolled natively unless overridden). */
  credential(tenantId: string, userId: string, overrides?: Partial<PasskeyCredential>): PasskeyCredential;
  /** A device key (a SwapBits Android device unless `origin` says otherwise). */
  deviceKey(tenantId: string, userId: string, overrides?: Partial<Omit<DeviceKeyCredential, 'enrolledVia' | 'platform'>> & { origin?: DeviceKeyOrigin }): DeviceKeyCredential;
  legacyIdentity(tenantId: string, userId: string, overrides?: Partial<LegacyBioKeyIdentity>): LegacyBioKeyIdentity;
  apiKey(tenantId: string, overrides?: Partial<ApiKey>): ApiKey;
  signingKey(tenantId: string, overrides?: Partial<SigningKeyRecord>): SigningKeyRecord;
  auditEvent(tenantId: string, overrides?: Partial<AuditEvent>): AuditEvent;
}

export function createFixtures(seed: string): Fixtures {
  const random = new SeededRandom(seed);
  let n = 0;
  const next = () => ++n;
  const hex = (length: number) => Buffer.from(random.bytes(length)).toString('hex');
  return {
    bytes: (length) => random.bytes(length),
    id: () => random.uuid(),
    tenant: (overrides = {}) => {
      const i = next();
      return {
        id: random.uuid(),
        slug: `tenant-${i}`,
        rpId: `rp${i}.example.com`,
        rpName: `Tenant ${i}`,
        origins: [`https://rp${i}.example.com`],
        policies: DEFAULT_POLICIES,
        integrations: DEFAULT_INTEGRATIONS,
        dialects: DEFAULT_DIALECTS,
        status: 'active',
        createdAt: T0 + i,
        updatedAt: T0 + i,
        ...overrides,
      };
    },
    user: (tenantId, overrides = {}) => {
      const i = next();
      return {
        id: random.uuid(),
        tenantId,
        username: `user-${i}`,
        displayName: `User ${i}`,
        email: null,
        emailVerified: false,
        phone: null,
        phoneVerified: false,
        status: 'active',
        createdAt: T0 + i,
        updatedAt: T0 + i,
        ...overrides,
      };
    },
    credential: (tenantId, userId, overrides = {}) => ({
      ...newPasskeyRecord(
        { id: random.uuid(), tenantId, userId, enrolledVia: 'native', deviceId: null, name: null, createdAt: T0 + next() },
        {
          credentialId: random.bytes(32),
          publicKey: random.bytes(77),
          algorithm: -7,
          signCount: 0,
          aaguid: null,
          transports: [],
          attestationFormat: null,
          attestationTrust: null,
          backupEligible: false,
          backupState: false,
          userVerified: false,
        },
      ),
      ...overrides,
    }),
    // The origin and the record's fields are spread separately; together they make one kind.
    deviceKey: (tenantId, userId, { origin = { enrolledVia: 'swapbits', platform: 'Android' }, ...overrides } = {}) => ({
      ...origin,
      kind: 'device_key',
      id: random.uuid(),
      tenantId,
      userId,
      credentialId: random.bytes(32),
      publicKey: random.bytes(91),
      algorithm: 'P-256',
      deviceId: `device-${next()}`,
      name: null,
      status: 'active',
      createdAt: T0 + next(),
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    }) as DeviceKeyCredential,
    legacyIdentity: (tenantId, userId, overrides = {}) => ({
      kind: 'legacy_identity',
      enrolledVia: 'biokey',
      id: random.uuid(),
      tenantId,
      userId,
      credentialId: random.bytes(32),
      sealedValue: `v1.${hex(48)}`,
      deviceId: `device-${next()}`,
      name: 'rawid',
      status: 'active',
      createdAt: T0 + next(),
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    }),
    apiKey: (tenantId, overrides = {}) => ({
      id: random.uuid(),
      tenantId,
      name: `key ${next()}`,
      lookupId: hex(12),
      secretHash: hex(32),
      scopes: ['users:read'],
      createdAt: T0 + next(),
      revokedAt: null,
      expiresAt: null,
      lastUsedAt: null,
      ...overrides,
    }),
    signingKey: (tenantId, overrides = {}) => {
      const kid = hex(8);
      return {
        kid,
        tenantId,
        alg: 'ES256',
        publicJwk: { kty: 'EC', crv: 'P-256', x: hex(32), y: hex(32), kid, alg: 'ES256', use: 'sig' },
        sealedPrivateKey: `v1.${hex(48)}`,
        status: 'active',
        createdAt: T0 + next(),
        retiredAt: null,
        ...overrides,
      };
    },
    auditEvent: (tenantId, overrides = {}) => ({
      id: random.uuid(),
      tenantId,
      at: T0 + next(),
      actor: 'system',
      action: 'user.created',
      subject: null,
      outcome: 'success',
      requestId: null,
      detail: null,
      ...overrides,
    }),
  };
}
