/**
 * Converts a DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3) to
 * raw `r || s` of `2 × scalarLength` bytes, or returns null unless the input is strict DER
 * (X.690 §10): short-form lengths that match exactly, INTEGER tags, non-negative minimal
 * integers that fit the scalar, and no trailing bytes. A malleable BER spelling of a signature
 * would otherwise verify as well, and change its bytes without the signer.
 */
export function ecdsaDerToRaw(der: Uint8Array, scalarLength = 32): Uint8Array | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const raw = new Uint8Array(2 * scalarLength);
  let offset = 2;
  for (const slot of [0, 1]) {
    if (der[offset] !== 0x02) return null;
    const length = der[offset + 1] as number;
    const start = offset + 2;
    const end = start + length;
    if (length === 0 || length > scalarLength + 1 || end > der.length) return null;
    const first = der[start] as number;
    // Negative integers are not valid for r or s.
    if ((first & 0x80) !== 0) return null;
    // Minimal: a leading zero is only allowed to keep the next byte's high bit from reading as a sign.
    if (first === 0x00 && length > 1 && ((der[start + 1] as number) & 0x80) === 0) return null;
    const value = der.subarray(first === 0x00 && length > 1 ? start + 1 : start, end);
    if (value.length > scalarLength) return null;
    raw.set(value, (slot + 1) * scalarLength - value.length);
    offset = end;
  }
  return offset === der.length ? raw : null;
}

/**
 * The inverse: raw `r || s` (JOSE, WebCrypto, IEEE P1363) to strict DER. node:crypto takes a bare
 * KeyObject far faster than an options object such as `{ key, dsaEncoding }` (which costs a key
 * copy per call), so the hot paths sign and verify DER and convert here.
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 132) throw new RangeError(`raw ECDSA signature of ${raw.length} bytes`);
  const half = raw.length / 2;
  const integer = (value: Uint8Array): number[] => {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    const body = Array.from(value.subarray(start));
    if (((body[0] as number) & 0x80) !== 0) body.unshift(0);
    return [0x02, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  // P-521 signatures can pass 127 content bytes: the sequence length then takes the long form.
  const length = content.length < 0x80 ? [content.length] : [0x81, content.length];
  return Uint8Array.from([0x30, ...length, ...content]);
}
