/**
 * The limits of one-time codes, in one place (documented in the README, "One-time codes and
 * messaging"). They follow "throttle the attacker, not the user": a code's own guesses are few,
 * so guessing needs new codes, and new codes are what the issue limits ration.
 */
export const CODE_DIGITS = 6;
export const DEFAULT_CODE_TTL_SECONDS = 300;
export const MAX_CODE_TTL_SECONDS = 86_400;
/** Wrong tries a code survives; the next try fails even with the right code. */
export const DEFAULT_CODE_MAX_ATTEMPTS = 5;
export const MAX_CODE_MAX_ATTEMPTS = 10;

/**
 * How long a code's record outlives the code, so a late try is told `code_expired` rather than
 * `code_invalid` and its attempt counter outlives it. Purely informational; nothing is accepted.
 */
export const EXPIRED_CODE_GRACE_MS = 15 * 60_000;

/** An issue limit: at most `max` codes per `windowMs`, counted from the first. */
export interface IssueLimit {
  readonly name: string;
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Per (tenant, purpose, subject): with 5 tries a code, 5 codes per 15 minutes and 20 per day
 * allow at most 100 guesses a day at one subject's codes, about a 1-in-10,000 chance a day.
 */
export const SUBJECT_ISSUE_LIMITS: readonly IssueLimit[] = Object.freeze([
  { name: 'subject-15m', max: 5, windowMs: 15 * 60_000 },
  { name: 'subject-day', max: 20, windowMs: 24 * 60 * 60_000 },
]);

/** The hourly issue limits set by configuration (CODE_ISSUE_LIMIT_PER_CLIENT_HOUR, …_PER_TENANT_HOUR). */
export interface CodeIssueSettings {
  /**
   * Per (tenant, client IP), across subjects: one client cannot spend the tenant's budget by
   * naming many subjects. Skipped when the caller has no client address (CLI, system).
   */
  readonly perClientHour: number;
  /**
   * Per tenant, whatever the subject: bounds what a flood of fresh subjects (sign-ups, invented
   * user ids) can cost in SMS and mail, and what it can send to people who asked for nothing.
   */
  readonly perTenantHour: number;
}

export const DEFAULT_CODE_ISSUE_SETTINGS: CodeIssueSettings = Object.freeze({ perClientHour: 30, perTenantHour: 1000 });

const HOUR_MS = 60 * 60_000;

export function clientIssueLimits(settings: CodeIssueSettings): readonly IssueLimit[] {
  return [{ name: 'client-hour', max: settings.perClientHour, windowMs: HOUR_MS }];
}

export function tenantIssueLimits(settings: CodeIssueSettings): readonly IssueLimit[] {
  return [{ name: 'tenant-hour', max: settings.perTenantHour, windowMs: HOUR_MS }];
}

/** Longest purpose or subject accepted: they become (hashed) store keys and audit fields. */
export const MAX_NAME_LENGTH = 256;

/** Largest `data` a code carries (it is held in the ephemeral store until the code is used). */
export const MAX_CODE_DATA_LENGTH = 16_384;

/** A purpose or subject: a non-empty string of at most MAX_NAME_LENGTH characters. */
export function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
}
