import type { Config } from '../config/schema.ts';
import { DomainError } from '../core/errors.ts';
import { DIALECT_NAMES, isDialectName, type DialectName, type DialectSettings, type TenantDialects } from '../core/tenant-dialects.ts';
import type { DialectRegistry } from './registry.ts';

function dialectOf(registry: DialectRegistry, name: string) {
  const dialect = isDialectName(name) ? registry.get(name) : undefined;
  if (dialect === undefined) {
    const known = [...registry.keys()].join(', ');
    const why = isDialectName(name) ? 'is not built into this version' : 'is not a dialect';
    throw new DomainError('invalid_request', { detail: `${JSON.stringify(name)} ${why} (available: ${known})` });
  }
  return dialect;
}

/**
 * A tenant's dialects as given (`{"<name>": {settings}}`, e.g. from `tenants create`), each
 * checked by its dialect and completed with its defaults. Throws `invalid_request` naming the
 * first problem.
 */
export function readTenantDialects(registry: DialectRegistry, json: unknown): TenantDialects {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DomainError('invalid_request', { detail: 'dialects must be a JSON object of dialect name → settings' });
  }
  const result: Partial<Record<DialectName, DialectSettings>> = {};
  for (const [name, settings] of Object.entries(json)) {
    const dialect = dialectOf(registry, name);
    result[dialect.name] = dialect.settings.read(settings);
  }
  return orderedLikeTheCore(result);
}

/** Named dialects, each with its settings from configuration (the default tenant's, and the CLI's). */
export function dialectsFromConfig(registry: DialectRegistry, names: readonly string[], config: Config): TenantDialects {
  const result: Partial<Record<DialectName, DialectSettings>> = {};
  for (const name of names) {
    const dialect = dialectOf(registry, name);
    result[dialect.name] = dialect.settings.fromConfig(config);
  }
  return orderedLikeTheCore(result);
}

/** One key order whatever the input's, so stored JSON and change detection are stable. */
function orderedLikeTheCore(dialects: Partial<Record<DialectName, DialectSettings>>): TenantDialects {
  return Object.fromEntries(DIALECT_NAMES.filter((n) => dialects[n] !== undefined).map((n) => [n, dialects[n]])) as TenantDialects;
}

/**
 * What the default tenant serves at this start: `DIALECTS` when set; unset, the dialects it
 * already serves (`native` only when it is new), so an upgrade keeps what it had. Either way
 * each dialect's settings follow configuration, as RP_ID and the policies do.
 */
export function defaultTenantDialects(registry: DialectRegistry, config: Config, current: TenantDialects | null): TenantDialects {
  const names = config.dialects ?? (current === null ? ['native'] : Object.keys(current));
  try {
    return dialectsFromConfig(registry, names, config);
  } catch (error) {
    // Start-up errors speak of the setting, as configuration errors do.
    if (error instanceof DomainError) throw new Error(`DIALECTS: ${error.detail ?? error.code}`, { cause: error });
    throw error;
  }
}

/** `--dialects`: comma-separated names (each with its default settings) or a JSON object of name → settings. */
export function parseDialectsArgument(registry: DialectRegistry, text: string): TenantDialects {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new DomainError('invalid_request', { detail: '--dialects is neither a list of names nor valid JSON' });
    }
    return readTenantDialects(registry, json);
  }
  const names = trimmed.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) throw new DomainError('invalid_request', { detail: '--dialects must name at least one dialect' });
  return readTenantDialects(registry, Object.fromEntries(names.map((n) => [n, {}])));
}
