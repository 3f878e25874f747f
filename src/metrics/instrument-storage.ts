import type { Storage } from '../core/ports.ts';
import { isStoreFailure } from './instrument-ephemeral.ts';
import type { SigilMetrics } from './sigil-metrics.ts';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * The durable store, counting its failures by `repository.method`. Written generically (a proxy
 * per repository, each method wrapped once and cached) so that repositories and methods added
 * later are counted without an edit here; every call, result and error passes through unchanged.
 */
export function instrumentStorage(storage: Storage, metrics: SigilMetrics): Storage {
  const wrap = (target: object, fn: AnyFunction, operation: string): AnyFunction => {
    const counter = metrics.storeErrors.labels('storage', operation);
    const onFailure = (error: unknown): never => {
      if (isStoreFailure(error)) counter.inc();
      throw error;
    };
    return (...args) => {
      let result: unknown;
      try {
        result = fn.apply(target, args);
      } catch (error) {
        return onFailure(error);
      }
      return result instanceof Promise ? result.catch(onFailure) : result;
    };
  };
  const proxy = <T extends object>(target: T, prefix: string, depth: number): T => {
    const cache = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
      get(obj, key) {
        if (cache.has(key)) return cache.get(key);
        const value: unknown = Reflect.get(obj, key, obj);
        let wrapped = value;
        if (typeof key === 'string' && key !== 'close' && key !== 'constructor') {
          if (typeof value === 'function') wrapped = wrap(obj, value as AnyFunction, `${prefix}${key}`);
          else if (depth > 0 && typeof value === 'object' && value !== null) wrapped = proxy(value, `${key}.`, depth - 1);
        }
        cache.set(key, wrapped);
        return wrapped;
      },
    });
  };
  return proxy(storage, '', 1);
}
