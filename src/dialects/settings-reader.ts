import { DomainError } from '../core/errors.ts';
import type { JsonValue } from '../core/tenant-dialects.ts';

/** A problem with one dialect's tenant settings, named so an operator can fix it. */
export function invalidSettings(dialect: string, problem: string): DomainError {
  return new DomainError('invalid_request', { detail: `dialect ${dialect}: ${problem}` });
}

/**
 * The settings object of `dialect`, checked to be a JSON object holding only `known` keys, so a
 * misspelt switch is refused instead of silently ignored.
 */
export function settingsObject(dialect: string, json: unknown, known: readonly string[]): { readonly [key: string]: JsonValue | undefined } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidSettings(dialect, 'settings must be a JSON object');
  const unknown = Object.keys(json).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const allowed = known.length === 0 ? 'it has no settings' : `known: ${known.join(', ')}`;
    throw invalidSettings(dialect, `unknown setting ${unknown.join(', ')} (${allowed})`);
  }
  return json as { readonly [key: string]: JsonValue | undefined };
}

/** A dialect without settings: `{}`. */
export function noSettings(dialect: string): { read(json: unknown): Record<string, never>; fromConfig(): Record<string, never> } {
  return {
    read(json) {
      settingsObject(dialect, json, []);
      return {};
    },
    fromConfig: () => ({}),
  };
}
