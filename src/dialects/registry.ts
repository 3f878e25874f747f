import type { DialectName } from '../core/tenant-dialects.ts';
import type { Dialect } from './dialect.ts';
import { bioKeyDialect } from './biokey/plugin.ts';
import { duoDialect } from './duo/plugin.ts';
import { loginIdDialect } from './loginid/plugin.ts';
import { nativeDialect } from './native/plugin.ts';
import { swapBitsDialect } from './swapbits/plugin.ts';

/**
 * Every API Sigil speaks, by name. A dialect is added here and nowhere else (its name must be
 * in the core's `DIALECT_NAMES`); a tenant then turns it on in `Tenant.dialects`.
 */
export const DIALECTS: readonly Dialect[] = [
  nativeDialect,
  duoDialect,
  bioKeyDialect,
  swapBitsDialect,
  loginIdDialect,
];

export type DialectRegistry = ReadonlyMap<DialectName, Dialect>;

/** The registry keyed by name; two dialects under one name are a programming error. */
export function dialectRegistry(dialects: readonly Dialect[] = DIALECTS): DialectRegistry {
  const byName = new Map<DialectName, Dialect>();
  for (const d of dialects) {
    if (byName.has(d.name)) throw new Error(`two dialects are named ${d.name}`);
    byName.set(d.name, d);
  }
  return byName;
}
