import type { CoreDeps } from '../../core/deps.ts';
import type { Tenant } from '../../core/tenant.ts';
import { DomainError } from '../../core/errors.ts';
import type { JsonValue } from '../../core/challenges.ts';

/** Which AppKey step a ceremony was started by; a completion accepts only its own kind. */
export type CeremonyKind = 'signup' | 'login' | 'verify' | 'anonymous' | 'add-passkey';

export interface CeremonyEntry {
  readonly kind: CeremonyKind;
  /** The core ceremony's session (AppKey clients never send one back). */
  readonly session: string;
  /** The handle the options were for; the completion must name the same one. */
  readonly handle: string;
  readonly data: { readonly [key: string]: JsonValue };
}

const keyOf = (tenantId: string, challenge: string): string => `appkey-ceremony:${tenantId}:${challenge}`;

/**
 * AppKey completions carry no session: the challenge inside `clientDataJSON` is what ties a
 * result to its options. This index maps it to the core ceremony's session, for the
 * challenge's lifetime, and is taken (atomically, once) by the completion.
 */
export async function rememberCeremony(deps: Pick<CoreDeps, 'ephemeral'>, tenant: Tenant, challenge: string, entry: CeremonyEntry): Promise<void> {
  await deps.ephemeral.set(keyOf(tenant.id, challenge), JSON.stringify(entry), tenant.policies.challengeTtlSeconds * 1000);
}

export async function takeCeremony(deps: Pick<CoreDeps, 'ephemeral'>, tenant: Tenant, credential: Record<string, unknown>, kind: CeremonyKind): Promise<CeremonyEntry> {
  const challenge = challengeOf(credential);
  const raw = await deps.ephemeral.take(keyOf(tenant.id, challenge));
  if (raw === null) throw new DomainError('challenge_not_found', { detail: 'no AppKey ceremony for this challenge' });
  const entry = JSON.parse(raw) as CeremonyEntry;
  if (entry.kind !== kind) throw new DomainError('challenge_mismatch', { detail: `ceremony started by ${entry.kind}, completed by ${kind}` });
  return entry;
}

function challengeOf(credential: Record<string, unknown>): string {
  const response = credential.response as { clientDataJSON?: unknown };
  if (typeof response.clientDataJSON !== 'string' || response.clientDataJSON.length > 8192) throw new DomainError('client_data_invalid', { detail: 'clientDataJSON missing' });
  try {
    const parsed = JSON.parse(Buffer.from(response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof parsed.challenge === 'string' && parsed.challenge.length > 0 && parsed.challenge.length <= 128) return parsed.challenge;
  } catch {
    // fall through
  }
  throw new DomainError('client_data_invalid', { detail: 'clientDataJSON carries no challenge' });
}
