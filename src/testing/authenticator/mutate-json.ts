/**
 * A deep copy of a JSON value with the member at a dotted `path` replaced, or removed when
 * `value` is the `REMOVE` marker: `mutateJson(response, 'response.signature', 42)`. For the
 * envelope defects a client could send (wrong JSON types, missing members, bad encodings).
 */
export const REMOVE: unique symbol = Symbol('remove');

export function mutateJson<T>(json: T, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(json) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target: Record<string, unknown> = copy;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === REMOVE) delete target[last];
  else target[last] = value;
  return copy;
}
