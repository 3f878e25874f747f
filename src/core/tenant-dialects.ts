/**
 * The APIs Sigil can speak, by wire name. The core knows these names (a tenant turns dialects
 * on by name) but not what a dialect's settings mean: each dialect folder types and validates its
 * own (`src/dialects/<name>/settings.ts`). A name here without a dialect in the registry is not
 * built yet and cannot be enabled.
 */
export const DIALECT_NAMES = ['native', 'biokey', 'swapbits', 'duo', 'appkey', 'loginid'] as const;

export type DialectName = (typeof DIALECT_NAMES)[number];

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One dialect's settings for one tenant, opaque to the core (validated by the dialect). */
export type DialectSettings = { readonly [key: string]: JsonValue };

/** The dialects a tenant serves, each with its settings: presence means enabled. */
export type TenantDialects = { readonly [K in DialectName]?: DialectSettings };

export function isDialectName(value: string): value is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(value);
}

/** What a tenant serves, in registry order. */
export function enabledDialects(dialects: TenantDialects): DialectName[] {
  return DIALECT_NAMES.filter((name) => dialects[name] !== undefined);
}
