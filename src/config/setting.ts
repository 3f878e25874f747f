/** One environment variable: its name, documented default, description and parser. */
export interface Setting<T> {
  readonly env: string;
  /** The default as the README shows it. */
  readonly shownDefault: string;
  readonly description: string;
  /** Parses the raw value (undefined when unset); throws an Error whose message says what is wrong. */
  readonly parse: (raw: string | undefined, env: Readonly<Record<string, string | undefined>>) => T;
}

type Env = Readonly<Record<string, string | undefined>>;

const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== '';

export function text(env: string, fallback: string, description: string, check?: (v: string) => string | null): Setting<string> {
  return {
    env,
    shownDefault: fallback === '' ? '(empty)' : `\`${fallback}\``,
    description,
    parse(raw) {
      const value = present(raw) ? raw.trim() : fallback;
      const problem = check?.(value) ?? null;
      if (problem) throw new Error(problem);
      return value;
    },
  };
}

export function optionalText(env: string, description: string, check?: (v: string) => string | null, shownDefault = 'unset'): Setting<string | null> {
  return {
    env,
    shownDefault,
    description,
    parse(raw) {
      if (!present(raw)) return null;
      const problem = check?.(raw.trim()) ?? null;
      if (problem) throw new Error(problem);
      return raw.trim();
    },
  };
}

export function integer(env: string, fallback: number, min: number, max: number, description: string): Setting<number> {
  return {
    env,
    shownDefault: `\`${fallback}\``,
    description,
    parse(raw) {
      if (!present(raw)) return fallback;
      const value = Number(raw.trim());
      if (!Number.isInteger(value) || value < min || value > max) throw new Error(`must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
      return value;
    },
  };
}

export function boolean(env: string, fallback: boolean, description: string): Setting<boolean> {
  return {
    env,
    shownDefault: `\`${fallback}\``,
    description,
    parse(raw) {
      if (!present(raw)) return fallback;
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new Error(`must be true or false (got ${JSON.stringify(raw)})`);
    },
  };
}

export function oneOf<const T extends string>(env: string, fallback: T, allowed: readonly T[], description: string): Setting<T> {
  return {
    env,
    shownDefault: `\`${fallback}\``,
    description: `${description} One of ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
    parse(raw) {
      if (!present(raw)) return fallback;
      const v = raw.trim() as T;
      if (!allowed.includes(v)) throw new Error(`must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
      return v;
    },
  };
}

/** A setting whose default depends on other settings (e.g. ORIGINS on PORT). */
export function derived<T>(env: string, shownDefault: string, description: string, parse: (raw: string | undefined, env: Env) => T): Setting<T> {
  return { env, shownDefault, description, parse: (raw, all) => parse(present(raw) ? raw.trim() : undefined, all) };
}
