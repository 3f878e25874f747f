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
