/**
 * A minimal DER (X.690) reader: enough to walk a CRL and Android's key description. Elements are views into the input.
 * Lengths must be definite and fit the input; anything else throws `DerError`.
 */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export interface DerElement {
  /** The first identifier octet: class, constructed bit and (below 31) the tag number. */
  readonly tag: number;
  /** The tag number, also in the high-tag-number form (Android's `[600]`, `[702]`). */
  readonly tagNumber: number;
  /** The whole element, header included (what a signature covers). */
  readonly raw: Uint8Array;
  /** The contents only. */
  readonly value: Uint8Array;
}

/** Reads a tag number in the high-tag-number form (X.690 §8.1.2.4); returns it and where it ends. */
function readHighTagNumber(bytes: Uint8Array, start: number): { tagNumber: number; end: number } {
  let tagNumber = 0;
  for (let i = start; i < start + 4; i++) {
    const byte = bytes[i];
    if (byte === undefined) throw new DerError('truncated DER tag');
    tagNumber = tagNumber * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { tagNumber, end: i + 1 };
  }
  throw new DerError('DER tag number too large');
}

/** Reads the element at `offset`. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  const tag = bytes[offset];
  if (tag === undefined) throw new DerError(`truncated DER at ${offset}`);
  const { tagNumber, end: lengthAt } = (tag & 0x1f) === 0x1f ? readHighTagNumber(bytes, offset + 1) : { tagNumber: tag & 0x1f, end: offset + 1 };
  const first = bytes[lengthAt];
  if (first === undefined) throw new DerError(`truncated DER at ${offset}`);
  let length = first;
  let header = lengthAt - offset + 1;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[lengthAt + 1 + i];
      if (byte === undefined) throw new DerError('truncated DER length');
      length = length * 256 + byte;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.byteLength) throw new DerError(`DER element at ${offset} runs past the input`);
  return { tag, tagNumber, raw: bytes.subarray(offset, end), value: bytes.subarray(offset + header, end) };
}

/** The elements inside a constructed element's contents. */
export function readChildren(value: Uint8Array): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < value.byteLength; ) {
    const child = readElement(value, offset);
    children.push(child);
    offset += child.raw.byteLength;
  }
  return children;
}

/** Reads a SEQUENCE (tag 0x30) and returns its children. */
export function readSequence(bytes: Uint8Array, what: string): DerElement[] {
  const element = readElement(bytes);
  if (element.tag !== 0x30) throw new DerError(`${what} is not a SEQUENCE`);
  return readChildren(element.value);
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(value: Uint8Array): string {
  const first = value[0] ?? 0;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let arc = 0;
  for (const byte of value.subarray(1)) {
    arc = arc * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    }
  }
  return arcs.join('.');
}

/** UTCTime (0x17) or GeneralizedTime (0x18) as milliseconds since the epoch. */
export function decodeTime(element: DerElement): number {
  const text = new TextDecoder().decode(element.value);
  const match = element.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null || (element.tag !== 0x17 && element.tag !== 0x18)) throw new DerError(`not a DER time: ${text}`);
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = match;
  const year = element.tag === 0x17 ? (Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y);
  return Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}
