import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { HotPathExecutor } from './hot-path-executor.ts';

/**
 * A query built and compiled once, then run with new arguments: for the login hot path, where
 * Kysely's per-call building and compiling costs more than SQLite's own work. `build` receives
 * stand-in values (unique strings, typed as the arguments they stand for); each occurrence of a
 * stand-in among the compiled parameters is replaced by the matching argument at run time, so the
 * parameter order is the compiler's, never guessed. The executor decides how it runs
 * (hot-path-executor.ts).
 */
export function precompile<A extends readonly unknown[], R>(
  executor: HotPathExecutor,
  arity: A['length'],
  build: (...placeholders: A) => Compilable<R>,
): (...args: A) => Promise<QueryResult<R>> {
  const bind = precompileQuery(arity, build);
  return (...args) => executor.execute<R>(bind(...args));
}

/**
 * The compiling half of `precompile`: the query with each call's arguments bound, not run. It is
 * compiled at its first call, not when the repository is made: a PostgreSQL unit of work makes
 * its repositories afresh and uses one or two of their queries.
 */
export function precompileQuery<A extends readonly unknown[], R>(arity: A['length'], build: (...placeholders: A) => Compilable<R>): (...args: A) => CompiledQuery<R> {
  let template: { compiled: CompiledQuery<R>; slots: number[] } | null = null;
  const compile = (): { compiled: CompiledQuery<R>; slots: number[] } => {
    const placeholders = Array.from({ length: arity }, (_, i) => `\u0000sigil-arg-${i}\u0000`);
    const compiled = build(...(placeholders as unknown as A)).compile();
    const slots = compiled.parameters.map((p) => (typeof p === 'string' ? placeholders.indexOf(p) : -1));
    if (placeholders.some((_, i) => !slots.includes(i))) throw new Error(`precompiled query does not use every argument: ${compiled.sql}`);
    return { compiled, slots };
  };
  return (...args) => {
    const { compiled, slots } = (template ??= compile());
    const parameters = compiled.parameters.map((p, i) => ((slots[i] as number) >= 0 ? args[slots[i] as number] : p));
    return { ...compiled, parameters } as CompiledQuery<R>;
  };
}
