import { DomainError } from '../../core/errors.ts';
import { assertJsonValue } from './json-value.ts';
import type { JsonValue } from './json-value.ts';

/**
 * Parses JSON text under I-JSON's rules (RFC 7493 §2): object member names must be unique
 * (JSON.parse would silently keep the last one, so two parties could read one text two ways),
 * strings must be well-formed Unicode, and numbers must fit a double. Throws `invalid_request`.
 */
export function parseIJson(text: string): JsonValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DomainError('invalid_request', { detail: 'body is not JSON', cause });
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) throw new DomainError('invalid_request', { detail: `duplicate JSON member name at offset ${duplicate}` });
  try {
    assertJsonValue(value);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('invalid_request', { detail: 'JSON nests too deeply', cause: error });
  }
  return value;
}

/**
 * Walks text that JSON.parse has already accepted, keeping one set of member names per open
 * object, and returns the offset of the first repeated name, or null. Names are compared after
 * unescaping, so `"a"` and `"\u0061"` collide.
 */
function findDuplicateKey(text: string): number | null {
  const open: (Set<string> | null)[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      i++;
      let next = i;
      while (text[next] === ' ' || text[next] === '\t' || text[next] === '\n' || text[next] === '\r') next++;
      const names = open.at(-1);
      if (text[next] === ':' && names) {
        const name = JSON.parse(text.slice(start, i)) as string;
        if (names.has(name)) return start;
        names.add(name);
      }
      continue;
    }
    if (char === '{') open.push(new Set());
    else if (char === '[') open.push(null);
    else if (char === '}' || char === ']') open.pop();
    i++;
  }
  return null;
}
