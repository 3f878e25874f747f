import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

type LevelCheck = { isLevelEnabled?: (level: string) => boolean };

/**
 * Fastify gives every request a child logger, and pino builds a child's bindings (redaction
 * included) when it is made: ~4 KB and several µs per request. A request that never writes at
 * the configured level needs none, so the child is made on the first call that would write;
 * below the level a call costs one check. A route with its own log level gets its child at once.
 */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  if (options.level !== undefined) return parent.child(bindings, options);
  const enabled = (level: string): boolean => (parent as FastifyBaseLogger & LevelCheck).isLevelEnabled?.(level) ?? true;
  let child: FastifyBaseLogger | undefined;
  const made = (): FastifyBaseLogger => (child ??= parent.child(bindings, options));
  const lazy = {
    get level() {
      return child === undefined ? parent.level : child.level;
    },
    set level(level: string) {
      made().level = level;
    },
    silent: () => {},
    child: (more: Bindings, moreOptions?: ChildLoggerOptions) => made().child(more, moreOptions),
  } as unknown as FastifyBaseLogger;
  for (const level of LEVELS) {
    (lazy as unknown as Record<string, unknown>)[level] = (...args: unknown[]): void => {
      if (child === undefined && !enabled(level)) return;
      (made()[level] as (...a: unknown[]) => void)(...args);
    };
  }
  return lazy;
}
