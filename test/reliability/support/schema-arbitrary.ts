import fc from 'fast-check';

/** The part of a JSON Schema the route schemas use. */
interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
}

const CBOR_HEADS = [0xa3, 0xa5, 0x58, 0x59, 0x5b, 0x9f, 0xbf, 0xd8, 0xf9, 0xff];
const DER_HEADS = [0x30, 0x82, 0xff, 0xff, 0x02, 0x84, 0x80];

/** Bytes shaped like the start of CBOR (attestation objects, COSE keys) or DER (signatures, SPKI), then garbage. */
const garbageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.tuple(fc.constantFrom(...CBOR_HEADS), fc.uint8Array({ maxLength: 120 })).map(([h, rest]) => Uint8Array.of(h, ...rest)),
  fc.uint8Array({ maxLength: 120 }).map((rest) => Uint8Array.of(...DER_HEADS, ...rest)),
);

/** Strings that have broken parsers, databases and templates before. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --", '"; DROP TABLE users; --', '../../../../etc/passwd', '\u0000', 'a\u0000b', '%00', '<script>alert(1)</script>',
    '{{7*7}}', '${jndi:ldap://x/a}', '__proto__', 'constructor', '\ud800', '\uffff', '🔑'.repeat(50), '-1', 'NaN', '1e309',
    'x'.repeat(5000), ' ', '', 'null', 'true', '[]', '{}', '0x', 'Bearer', 'sigil_sk_', 'rg_',
  ),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  garbageBytes.map((b) => Buffer.from(b).toString('base64url')),
  garbageBytes.map((b) => Buffer.from(b).toString('base64')),
  garbageBytes.map((b) => Buffer.from(b).toString('hex')),
);

/** Any JSON value, hostile strings included, a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor')), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Values the schema allows (mostly), so requests get past validation into the handlers. */
export function arbitraryFromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > 4) return hostileValue;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => arbitraryFromSchema(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 80, 300) }), hostileString);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e12, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFromSchema(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryFromSchema(s, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      return hostileValue;
  }
}

/** A body for a route: schema-shaped, schema-shaped with one field made hostile, or anything at all. */
export function bodyArbitrary(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const shaped = arbitraryFromSchema(schema);
  const spoiled = fc.tuple(shaped, hostileString, hostileValue).map(([value, key, bad]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad;
    const keys = Object.keys(value);
    const target = keys.length > 0 ? (keys[key.length % keys.length] as string) : key;
    return { ...value, [target]: bad };
  });
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: spoiled }, { weight: 1, arbitrary: hostileValue });
}
