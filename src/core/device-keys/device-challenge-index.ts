/**
 * Device challenges are found by the handle the client holds (see `ChallengeHandleKind`); this
 * index maps it to the core challenge record. Kept as long as the record itself, so a late
 * answer is told "expired", not "unknown".
 */
export const CHALLENGE_INDEX_GRACE_MS = 60_000;

export function challengeIndexKey(tenantId: string, handle: string): string {
  return `device-challenge:${tenantId}:${handle}`;
}
