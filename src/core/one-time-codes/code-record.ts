import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What the ephemeral store holds for a live code: never the code, only a keyed digest of it
 * (bound to the tenant, purpose, subject and this issue), so a copy of the store does not let
 * anyone try the million codes offline.
 */
export interface CodeRecord {
  /** Random id of this issue: names its attempt counter, so a new code starts with fresh tries. */
  readonly id: string;
  readonly digest: string;
  readonly expiresAt: number;
  readonly maxAttempts: number;
  readonly data: string | null;
}

export interface CodeScope {
  readonly tenantId: string;
  readonly purpose: string;
  readonly subject: string;
}

const hashOf = (scope: CodeScope): string =>
  createHash('sha256').update(`${scope.purpose}\0${scope.subject}`).digest('base64url');

/** The store key of the live code of one (tenant, purpose, subject). */
export function codeKey(scope: CodeScope): string {
  return `otc:${scope.tenantId}:${hashOf(scope)}`;
}

/** The counter of tries at one issued code. */
export function attemptsKey(scope: CodeScope, id: string): string {
  return `otc-tries:${scope.tenantId}:${id}`;
}

/** The counter of codes issued to one (tenant, purpose, subject) in one limit's window. */
export function subjectIssueKey(scope: CodeScope, limit: string): string {
  return `otc-issued:${limit}:${scope.tenantId}:${hashOf(scope)}`;
}

/** The counter of codes issued at the request of one client (a hashed IP) in one window. */
export function clientIssueKey(tenantId: string, limit: string, client: string): string {
  return `otc-issued:${limit}:${tenantId}:ip:${client}`;
}

export function tenantIssueKey(tenantId: string, limit: string): string {
  return `otc-issued:${limit}:${tenantId}`;
}

export function digestCode(key: Uint8Array, scope: CodeScope, id: string, code: string): string {
  return createHmac('sha256', key).update(`${scope.tenantId}\0${scope.purpose}\0${scope.subject}\0${id}\0${code}`).digest('base64url');
}

/** Both sides are fixed-length digests, compared in constant time. */
export function digestsMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function serializeRecord(record: CodeRecord): string {
  return JSON.stringify(record);
}

/** A value this module did not write (or a corrupted one) is no code at all. */
export function parseRecord(value: string | null): CodeRecord | null {
  if (value === null) return null;
  try {
    const r = JSON.parse(value) as Partial<CodeRecord>;
    if (typeof r.id !== 'string' || typeof r.digest !== 'string' || typeof r.expiresAt !== 'number' || typeof r.maxAttempts !== 'number') return null;
    return { id: r.id, digest: r.digest, expiresAt: r.expiresAt, maxAttempts: r.maxAttempts, data: typeof r.data === 'string' ? r.data : null };
  } catch {
    return null;
  }
}
