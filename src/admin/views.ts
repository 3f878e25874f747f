import type { Tenant } from '../core/tenant.ts';
import type { DialectName, DialectSettings } from '../core/tenant-dialects.ts';
import type { DialectRegistry } from '../dialects/registry.ts';
import type { User } from '../core/user.ts';
import type { ApiKey } from '../core/api-key.ts';
import type { Credential } from '../core/credential.ts';
import type { SigningKeyRecord } from '../core/signing-key.ts';
import type { UserDetail } from '../core/users/get-user-detail.ts';

/** A tenant as the management API shows it: secrets (hashes included) left out. */
export function tenantView(tenant: Tenant, registry: DialectRegistry): Record<string, unknown> {
  const { faceTec, ...integrations } = tenant.integrations;
  const dialects: Record<string, DialectSettings> = {};
  for (const [name, stored] of Object.entries(tenant.dialects)) {
    const codec = registry.get(name as DialectName)?.settings;
    if (codec === undefined || stored === undefined) continue;
    const settings = codec.read(stored);
    dialects[name] = codec.view?.(settings) ?? settings;
  }
  return {
    id: tenant.id,
    slug: tenant.slug,
    rpId: tenant.rpId,
    rpName: tenant.rpName,
    origins: tenant.origins,
    policies: tenant.policies,
    integrations: {
      ...integrations,
      faceTec: faceTec === null ? null : { url: faceTec.url, minMatchLevel: faceTec.minMatchLevel },
    },
    dialects,
    status: tenant.status ?? 'active',
    createdAt: new Date(tenant.createdAt).toISOString(),
    updatedAt: new Date(tenant.updatedAt).toISOString(),
  };
}

export function userView(user: User): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerified,
    phone: user.phone,
    phoneVerified: user.phoneVerified,
    status: user.status,
    createdAt: new Date(user.createdAt).toISOString(),
    updatedAt: new Date(user.updatedAt).toISOString(),
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A passkey, device key or legacy identity without its key material (the public key stays in storage). */
export function credentialView(credential: Credential): Record<string, unknown> {
  const common = {
    id: credential.id,
    userId: credential.userId,
    kind: credential.kind,
    enrolledVia: credential.enrolledVia,
    name: credential.name,
    status: credential.status,
    deviceId: credential.deviceId,
    createdAt: iso(credential.createdAt),
    lastUsedAt: iso(credential.lastUsedAt),
    revokedAt: iso(credential.revokedAt),
  };
  if (credential.kind === 'passkey') {
    return { ...common, algorithm: credential.algorithm, aaguid: credential.aaguid, transports: credential.transports, backupEligible: credential.backupEligible, backupState: credential.backupState, attestationTrust: credential.attestationTrust };
  }
  if (credential.kind === 'device_key') return { ...common, algorithm: credential.algorithm, ...(credential.enrolledVia === 'swapbits' ? { platform: credential.platform } : {}) };
  return common;
}

export function userDetailView(detail: UserDetail): Record<string, unknown> {
  return {
    ...userView(detail.user),
    credentials: detail.credentials.map(credentialView),
    face: { enrolled: detail.faceRegisteredAt !== null, registeredAt: iso(detail.faceRegisteredAt) },
    dialectRegistrations: Object.fromEntries(Object.entries(detail.dialectRegistrations).map(([d, at]) => [d, iso(at)])),
    mpcKeys: detail.mpcKeys.map((k) => ({ keyId: k.keyId, deviceCredentialId: k.deviceCredentialId, backedUp: k.backedUp, createdAt: iso(k.createdAt) })),
    clientDevices: detail.clientDevices.map((d) => ({ id: d.id, info: d.info, createdAt: iso(d.createdAt), lastUsedAt: iso(d.lastUsedAt) })),
  };
}

/** An API key without its digests: the secret is shown once, at creation, and never again. */
export function apiKeyView(key: ApiKey): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    createdAt: iso(key.createdAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
  };
}

/**
 * A signing key with its state: `current` signs new tokens; `retired` still verifies tokens
 * until `verifiesUntil` (retirement + the longest token lifetime + one key refresh); `expired`
 * is no longer published.
 */
export function signingKeyView(key: SigningKeyRecord, verifiesUntil: number | null, now: number): Record<string, unknown> {
  const state = key.status === 'active' ? 'current' : verifiesUntil !== null && now < verifiesUntil ? 'retired' : 'expired';
  return { kid: key.kid, alg: key.alg, state, createdAt: iso(key.createdAt), retiredAt: iso(key.retiredAt), verifiesUntil: iso(verifiesUntil) };
}
