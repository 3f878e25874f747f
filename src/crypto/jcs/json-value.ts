import { DomainError } from '../../core/errors.ts';

/** A value with an exact I-JSON form (RFC 7493): what canonicalization accepts. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Checks at run time that `value` is a JsonValue: finite numbers, well-formed strings and keys
 * (no lone surrogates, RFC 7493 §2.1), dense arrays, plain objects. Anything JSON.stringify
 * would drop or rewrite silently (undefined, functions, Dates via toJSON, Maps, NaN) is refused,
 * since a signature must cover exactly what the caller sees. Throws `invalid_request`; the
 * detail names the path and type, never the value.
 */
export function assertJsonValue(value: unknown, path = '$'): asserts value is JsonValue {
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (!value.isWellFormed()) refuse(path, 'string with a lone surrogate');
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(path, `${value} has no JSON form`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertJsonValue(value[i], `${path}[${i}]`);
        return;
      }
      if (![Object.prototype, null].includes(Object.getPrototypeOf(value))) refuse(path, 'object that is not a plain object');
      for (const [key, member] of Object.entries(value)) {
        if (!key.isWellFormed()) refuse(path, 'key with a lone surrogate');
        assertJsonValue(member, `${path}.${key}`);
      }
      return;
    default:
      refuse(path, `${typeof value} has no JSON form`);
  }
}

function refuse(path: string, what: string): never {
  throw new DomainError('invalid_request', { detail: `JSON value at ${path}: ${what}` });
}
