import { createHash, timingSafeEqual } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';

/** However active, a console session ends this long after sign-in. */
export const SESSION_MAX_LIFETIME_MS = 12 * 3600_000;

/** Who a console session belongs to: an operator (passkey) or an API key (the fallback). */
export type SessionHolder = { readonly kind: 'operator'; readonly userId: string } | { readonly kind: 'api-key'; readonly apiKeyId: string; readonly lookupId: string };

export interface OperatorSession {
  readonly tenantId: string;
  readonly holder: SessionHolder;
  /** Sent by the console in `X-Sigil-CSRF` on every state-changing call. */
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly idleMs: number;
}

const keyOf = (token: string): string => `operator-session:${createHash('sha256').update(token).digest('base64url')}`;

/** Starts a session; returns the cookie's token (stored only as a digest) and the session. */
export async function createOperatorSession(
  deps: Pick<CoreDeps, 'ephemeral' | 'clock' | 'random'>,
  input: { tenantId: string; holder: SessionHolder; idleSeconds: number },
): Promise<{ token: string; session: OperatorSession }> {
  const token = toBase64Url(deps.random.bytes(32));
  const session: OperatorSession = { tenantId: input.tenantId, holder: input.holder, csrfToken: toBase64Url(deps.random.bytes(32)), createdAt: deps.clock.now(), idleMs: input.idleSeconds * 1000 };
  await deps.ephemeral.set(keyOf(token), JSON.stringify(session), session.idleMs);
  return { token, session };
}

/**
 * The live session of a cookie token, its idle timer restarted; an unknown, idle or too old
 * session is `unauthorized`. The store's TTL is the idle timeout, so a quiet session vanishes.
 */
export async function touchOperatorSession(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, token: string): Promise<OperatorSession> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('unauthorized', { detail: 'malformed console session' });
  const raw = await deps.ephemeral.get(keyOf(token));
  if (raw === null) throw new DomainError('unauthorized', { detail: 'unknown or idle console session' });
  const session = JSON.parse(raw) as OperatorSession;
  const left = session.createdAt + SESSION_MAX_LIFETIME_MS - deps.clock.now();
  if (left <= 0) {
    await deps.ephemeral.delete(keyOf(token));
    throw new DomainError('unauthorized', { detail: 'console session too old' });
  }
  await deps.ephemeral.set(keyOf(token), raw, Math.min(session.idleMs, left));
  return session;
}

export async function endOperatorSession(deps: Pick<CoreDeps, 'ephemeral'>, token: string): Promise<void> {
  if (/^[A-Za-z0-9_-]{43}$/.test(token)) await deps.ephemeral.delete(keyOf(token));
}

/** Double submit: the header must equal the session's token (compared in constant time). */
export function checkCsrfToken(session: OperatorSession, presented: string | undefined): void {
  const a = Buffer.from(presented ?? '');
  const b = Buffer.from(session.csrfToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DomainError('forbidden', { detail: 'missing or wrong CSRF token' });
}
