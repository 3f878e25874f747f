/**
 * A tenant's rule about one authenticator model, named by its AAGUID: refuse new passkeys of
 * the model, refuse logins with them, or both (a model found weak, a recalled batch).
 */
export interface AaguidRule {
  /** Lower-case, hyphenated. */
  readonly aaguid: string;
  readonly blockRegistration: boolean;
  readonly blockAuthentication: boolean;
}

export interface AaguidRuleRepository {
  /** Sorted by AAGUID. */
  list(tenantId: string): Promise<AaguidRule[]>;
  get(tenantId: string, aaguid: string): Promise<AaguidRule | null>;
  /** Adds or replaces every rule, all or none. */
  putAll(tenantId: string, rules: readonly AaguidRule[]): Promise<void>;
  /** Removes the rules of these AAGUIDs (unknown ones are ignored); returns how many went. */
  remove(tenantId: string, aaguids: readonly string[]): Promise<number>;
  clear(tenantId: string): Promise<number>;
}

const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** AAGUIDs are compared in their canonical form: lower-case, hyphenated. */
export function canonicalAaguid(value: string): string | null {
  const lower = value.trim().toLowerCase();
  if (AAGUID.test(lower)) return lower;
  const bare = /^[0-9a-f]{32}$/.test(lower) ? lower : null;
  return bare === null ? null : bare.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}
