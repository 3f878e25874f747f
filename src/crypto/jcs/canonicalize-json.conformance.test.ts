/** RFC 8785 conformance: every case of test/vectors/rfc8785-jcs (see its README). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { vectorsDir } from '../../testing/vectors-dir.ts';
import { canonicalizeJson, canonicalizeJsonBytes, canonicalizeJsonText } from './canonicalize-json.ts';

const dir = vectorsDir('rfc8785-jcs');

function doubleFromHex(hex: string): number {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(`0x${hex}`));
  return bytes.readDoubleBE(0);
}

describe('RFC 8785 cyberphone test data: input/*.json → output/*.json', () => {
  const names = readdirSync(join(dir, 'input')).filter((name) => name.endsWith('.json'));
  it('has the six cases', () => assert.deepEqual(names.sort(), ['arrays.json', 'french.json', 'structures.json', 'unicode.json', 'values.json', 'weird.json']));
  for (const name of names) {
    it(name, () => {
      const expected = readFileSync(join(dir, 'output', name));
      const input = readFileSync(join(dir, 'input', name), 'utf8');
      assert.deepEqual(Buffer.from(canonicalizeJsonBytes(JSON.parse(input))), expected);
      assert.equal(canonicalizeJsonText(input), expected.toString('utf8'));
      const hex = readFileSync(join(dir, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8').trim().split(/\s+/).join('');
      assert.equal(Buffer.from(canonicalizeJsonBytes(JSON.parse(input))).toString('hex'), hex);
    });
  }
});

describe('ECMAScript number serialization: es6-numbers-first-10000.csv', () => {
  it('serializes all 10,000 doubles exactly', () => {
    const lines = readFileSync(join(dir, 'es6-numbers-first-10000.csv'), 'utf8').split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 10_000);
    const failures: string[] = [];
    for (const line of lines) {
      const [hex, expected] = line.split(',') as [string, string];
      const actual = canonicalizeJson(doubleFromHex(hex));
      if (actual !== expected) failures.push(`${hex}: expected ${expected}, got ${actual}`);
    }
    assert.deepEqual(failures.slice(0, 10), []);
  });
});

describe('RFC 8785 examples: rfc8785-examples.json', () => {
  const examples = JSON.parse(readFileSync(join(dir, 'rfc8785-examples.json'), 'utf8'));

  it('§3.2.2 serialization', () => {
    assert.equal(canonicalizeJsonText(examples.section_3_2_2.inputText), examples.section_3_2_2.expected);
  });

  it('§3.2.3 sorting by UTF-16 code units', () => {
    const sorting = examples.section_3_2_3_sorting;
    const output = canonicalizeJsonText(sorting.inputText);
    assert.equal(output, sorting.expected);
    // Object.keys would list the integer-like "1" first, so read the order off the text itself.
    const keys = sorting.expectedKeyOrderByUtf16CodeUnits as string[];
    const positions = keys.map((key) => output.indexOf(`${JSON.stringify(key)}:`));
    assert.ok(positions.every((at, i) => at > (positions[i - 1] ?? 0)), `keys out of order: ${positions.join(',')}`);
  });

  it('§3.2.4 UTF-8 bytes', () => {
    const bytes = canonicalizeJsonBytes(JSON.parse(examples.section_3_2_2.inputText));
    assert.equal(Buffer.from(bytes).toString('hex'), examples.section_3_2_4_utf8.expectedHexOfSection_3_2_2_output);
  });

  it('Appendix B number samples, NaN and Infinity refused', () => {
    const samples = examples.appendix_b_number_samples as { ieee754Hex: string; expected: string | null; mustBeRejected?: boolean }[];
    assert.ok(samples.length >= 10);
    for (const sample of samples) {
      const value = doubleFromHex(sample.ieee754Hex);
      if (sample.mustBeRejected === true) {
        assert.throws(() => canonicalizeJson(value), { code: 'invalid_request' }, sample.ieee754Hex);
        assert.throws(() => canonicalizeJson({ n: value }), { code: 'invalid_request' }, sample.ieee754Hex);
      } else {
        assert.equal(canonicalizeJson(value), sample.expected, sample.ieee754Hex);
      }
    }
  });
});
