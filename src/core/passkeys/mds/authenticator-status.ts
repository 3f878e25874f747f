import type { MetadataEntry, StatusReport } from './metadata-entry.ts';

/**
 * Statuses after which an authenticator model must not be registered (FIDO MDS 3.0 §3.1.4;
 * the FIDO server tests' MDS case F-2 lists the first four; REVOKED means the FIDO Alliance
 * withdrew the model's certification for cause).
 */
export const BLOCKING_STATUSES: ReadonlySet<string> = new Set([
  'USER_VERIFICATION_BYPASS',
  'ATTESTATION_KEY_COMPROMISE',
  'USER_KEY_REMOTE_COMPROMISE',
  'USER_KEY_PHYSICAL_COMPROMISE',
  'REVOKED',
]);

/**
 * The status in force: the report with the latest `effectiveDate`, reports without a date
 * counting as oldest, and among equals the one listed last.
 */
export function latestStatusReport(entry: MetadataEntry): StatusReport | null {
  let latest: StatusReport | null = null;
  for (const report of entry.statusReports) {
    if (latest === null || (report.effectiveDate ?? '') >= (latest.effectiveDate ?? '')) latest = report;
  }
  return latest;
}

export function isBlocked(entry: MetadataEntry): boolean {
  const latest = latestStatusReport(entry);
  return latest !== null && BLOCKING_STATUSES.has(latest.status);
}
