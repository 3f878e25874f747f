import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { JsonValue } from './json-value.ts';
import { canonicalizeJson, canonicalizeJsonBytes, canonicalizeJsonText } from './canonicalize-json.ts';
import { parseIJson } from './parse-i-json.ts';

describe('canonicalizeJson', () => {
  it('gives the Duo device-registration message', () => {
    const challenge = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    assert.equal(canonicalizeJson({ challenge }), `{"challenge":"${challenge}"}`);
    const digest = createHash('sha256').update(canonicalizeJsonBytes({ challenge })).digest('hex');
    assert.equal(digest, createHash('sha256').update(`{"challenge":"${challenge}"}`).digest('hex'));
  });

  it('writes -0 as 0 and keeps key order independent of insertion', () => {
    assert.equal(canonicalizeJson({ b: -0, a: [1e21, 1e-7, 0.1] }), '{"a":[1e+21,1e-7,0.1],"b":0}');
  });

  it('refuses values JSON cannot represent, naming the path', () => {
    const cases: [unknown, RegExp][] = [
      [Number.NaN, /\$: NaN/],
      [{ a: [1, Number.POSITIVE_INFINITY] }, /\$\.a\[1\]: Infinity/],
      ['\ud800', /lone surrogate/],
      [{ ['\udc00']: 1 }, /key with a lone surrogate/],
      [{ a: undefined }, /\$\.a: undefined/],
      [[1, undefined, 3], /\$\[1\]: undefined/],
      [new Array(2), /\$\[0\]: undefined/],
      [{ f: () => 1 }, /function/],
      [{ d: new Date(0) }, /not a plain object/],
      [new Map(), /not a plain object/],
      [10n, /bigint/],
    ];
    for (const [value, detail] of cases) {
      assert.throws(() => canonicalizeJson(value as JsonValue), (error: unknown) => {
        return error instanceof Error && (error as { code?: string }).code === 'invalid_request' && detail.test((error as { detail?: string }).detail ?? '');
      });
    }
  });

  it('accepts objects without a prototype and well-formed surrogate pairs', () => {
    const value = Object.assign(Object.create(null) as Record<string, JsonValue>, { '😂': 'דּ' });
    assert.equal(canonicalizeJson(value), '{"😂":"דּ"}');
  });

  it('refuses nesting deeper than the stack as invalid_request', () => {
    let deep: JsonValue = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.throws(() => canonicalizeJson(deep), { code: 'invalid_request' });
  });
});

describe('parseIJson', () => {
  it('parses ordinary JSON', () => {
    assert.deepEqual(parseIJson(' {"a": [1, "x", {"b": null}], "c": true} '), { a: [1, 'x', { b: null }], c: true });
  });

  it('refuses duplicate member names, also when spelled with escapes', () => {
    for (const text of ['{"a":1,"a":2}', '{"a":1, "\\u0061" :2}', '[{"x":{"y":1,"y":1}}]', '{"k":{},"k":[]}']) {
      assert.throws(() => parseIJson(text), { code: 'invalid_request', detail: /duplicate JSON member name/ }, text);
      assert.throws(() => canonicalizeJsonText(text), { code: 'invalid_request' }, text);
    }
  });

  it('allows one name in sibling objects and names that equal string values', () => {
    assert.deepEqual(parseIJson('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parseIJson('{"a":"a","b":{"a":"\\"a\\""}}'), { a: 'a', b: { a: '"a"' } });
  });

  it('refuses lone surrogates, overflowing numbers and text that is not JSON', () => {
    assert.throws(() => parseIJson('"\\ud83d"'), { code: 'invalid_request', detail: /lone surrogate/ });
    assert.throws(() => parseIJson('{"\\udc00":1}'), { code: 'invalid_request', detail: /lone surrogate/ });
    assert.throws(() => parseIJson('[1e400]'), { code: 'invalid_request', detail: /Infinity/ });
    for (const text of ['', '{', "{'a':1}", '{"a":1,}', 'NaN', '\ufeff{}']) {
      assert.throws(() => parseIJson(text), { code: 'invalid_request', detail: 'body is not JSON' }, JSON.stringify(text));
    }
    assert.equal(canonicalizeJsonText('"\\ud83d\\ude02"'), '"😂"');
  });
});
