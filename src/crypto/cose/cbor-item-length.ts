/**
 * Measures one CBOR data item without decoding it, so a parser can tell exactly where a COSE key
 * or an extensions map ends inside authenticator data. The decoder we use (`isoCBOR.decodeFirst`)
 * returns only the value, and re-encoding to learn the length (as some libraries do) silently
 * accepts non-canonical input.
 *
 * Only definite lengths are accepted: CTAP2 canonical CBOR, which authenticators must emit,
 * forbids indefinite-length items. Nesting is bounded so hostile input cannot exhaust the stack.
 */

const MAX_DEPTH = 16;

export class CborLengthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CborLengthError';
  }
}

interface Head {
  readonly major: number;
  /** The argument: a length, a count, a value or a tag number (approximate above 2^53). */
  readonly argument: number;
  readonly headLength: number;
}

function readHead(bytes: Uint8Array, offset: number): Head {
  const initial = bytes[offset];
  if (initial === undefined) throw new CborLengthError(`truncated CBOR at offset ${offset}`);
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, argument: info, headLength: 1 };
  if (info > 27) throw new CborLengthError(`unsupported CBOR additional info ${info} at offset ${offset}`);
  const size = 1 << (info - 24);
  if (offset + 1 + size > bytes.byteLength) throw new CborLengthError(`truncated CBOR head at offset ${offset}`);
  let argument = 0;
  // Values past 2^53 lose precision here; that only matters for lengths and counts, and any
  // such length runs past the end of the input and is rejected there.
  for (let i = 0; i < size; i++) argument = argument * 256 + (bytes[offset + 1 + i] as number);
  return { major, argument, headLength: 1 + size };
}

function measure(bytes: Uint8Array, offset: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new CborLengthError('CBOR nested too deeply');
  const head = readHead(bytes, offset);
  let end = offset + head.headLength;
  switch (head.major) {
    case 0:
    case 1:
    case 7:
      break;
    case 2:
    case 3:
      end += head.argument;
      break;
    case 4:
      for (let i = 0; i < head.argument; i++) end = measure(bytes, end, depth + 1);
      break;
    case 5:
      for (let i = 0; i < head.argument * 2; i++) end = measure(bytes, end, depth + 1);
      break;
    case 6:
      end = measure(bytes, end, depth + 1);
      break;
  }
  if (end > bytes.byteLength) throw new CborLengthError(`truncated CBOR item at offset ${offset}`);
  return end;
}

/** Number of bytes taken by the CBOR item starting at `offset`. Throws `CborLengthError`. */
export function cborItemLength(bytes: Uint8Array, offset = 0): number {
  return measure(bytes, offset, 0) - offset;
}
