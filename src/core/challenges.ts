import { DomainError } from './errors.ts';
import { toBase64Url } from './encoding.ts';
import type { CoreDeps } from './deps.ts';
import type { Tenant } from './tenant.ts';

/** What a challenge may be used for; a challenge issued for one purpose never serves another. */
export type ChallengePurpose =
  | 'passkey.registration'
  | 'passkey.authentication'
  | 'device.enrollment'
  | 'device.verification'
  | 'duo.device-registration';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ChallengeRecord {
  /** Opaque handle given to the client (session value, challengeId, cookie). */
  readonly id: string;
  readonly purpose: ChallengePurpose;
  readonly tenantId: string;
  readonly userId: string | null;
  /** Sigil credential id (or device binding) the challenge is bound to, when known. */
  readonly credentialId: string | null;
  /** SHA-256 (base64url) of a payload the ceremony confirms, for transaction signing. */
  readonly payloadHash: string | null;
  /** The random challenge bytes, base64url. */
  readonly challenge: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Ceremony state the result step needs (requested UV, username, …). */
  readonly data: { readonly [key: string]: JsonValue };
}

export interface IssueChallengeInput {
  readonly purpose: ChallengePurpose;
  readonly userId?: string | null;
  readonly credentialId?: string | null;
  readonly payloadHash?: string | null;
  readonly data?: { readonly [key: string]: JsonValue };
  /** Random bytes in the challenge; at least 16. Default 32. */
  readonly size?: number;
  /** Overrides the tenant's challenge TTL. */
  readonly ttlSeconds?: number;
}

/** Kept after the logical expiry so a late result is told "expired" rather than "unknown". */
const EXPIRED_GRACE_MS = 60_000;

const keyOf = (tenantId: string, id: string): string => `challenge:${tenantId}:${id}`;

export async function issueChallenge(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock' | 'random'>,
  tenant: Tenant,
  input: IssueChallengeInput,
): Promise<ChallengeRecord> {
  const size = input.size ?? 32;
  if (size < 16 || size > 64) throw new RangeError('challenge size must be between 16 and 64 bytes');
  const now = deps.clock.now();
  const ttlMs = (input.ttlSeconds ?? tenant.policies.challengeTtlSeconds) * 1000;
  const record: ChallengeRecord = {
    id: toBase64Url(deps.random.bytes(18)),
    purpose: input.purpose,
    tenantId: tenant.id,
    userId: input.userId ?? null,
    credentialId: input.credentialId ?? null,
    payloadHash: input.payloadHash ?? null,
    challenge: toBase64Url(deps.random.bytes(size)),
    issuedAt: now,
    expiresAt: now + ttlMs,
    data: input.data ?? {},
  };
  await deps.ephemeral.set(keyOf(tenant.id, record.id), JSON.stringify(record), ttlMs + EXPIRED_GRACE_MS);
  return record;
}

/**
 * Consumes a challenge atomically, whatever happens next: a second use of the same id finds
 * nothing. The tenant is part of the key, so another tenant's id is simply unknown here.
 */
export async function consumeChallenge(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock'>,
  tenantId: string,
  id: string,
  purpose: ChallengePurpose,
): Promise<ChallengeRecord> {
  if (id.length === 0 || id.length > 128) throw new DomainError('challenge_not_found', { detail: 'empty or oversized challenge id' });
  const raw = await deps.ephemeral.take(keyOf(tenantId, id));
  if (raw === null) throw new DomainError('challenge_not_found', { detail: 'unknown, used or long-expired challenge' });
  const record = JSON.parse(raw) as ChallengeRecord;
  if (record.purpose !== purpose || record.tenantId !== tenantId) {
    throw new DomainError('challenge_mismatch', { detail: `challenge issued for ${record.purpose}, used for ${purpose}` });
  }
  if (deps.clock.now() >= record.expiresAt) throw new DomainError('challenge_expired');
  return record;
}
