/**
 * Whether 32 bytes decode to a point of edwards25519, by the decoding of RFC 8032 §5.1.3.
 * OpenSSL imports any 32 bytes as an Ed25519 public key and only fails later, at verification;
 * checking here lets registration refuse a key that could never verify anything.
 */
const P = 2n ** 255n - 19n;
// d = -121665 / 121666 mod p (RFC 8032 §5.1)
const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;

export function isEd25519Point(raw: Uint8Array): boolean {
  if (raw.length !== 32) return false;
  const bytes = Uint8Array.from(raw);
  const xSign = ((bytes[31] as number) & 0x80) !== 0;
  bytes[31] = (bytes[31] as number) & 0x7f;
  const y = BigInt('0x' + Buffer.from(bytes).reverse().toString('hex'));
  // Step 1: the y coordinate must be reduced.
  if (y >= P) return false;
  // Steps 2-3: x² = (y² − 1) / (d·y² + 1) must have a square root (Euler's criterion).
  const y2 = (y * y) % P;
  const u = (y2 - 1n + P) % P;
  const v = (D * y2 + 1n) % P;
  const x2 = (u * modPow(v, P - 2n)) % P;
  // Step 4: x = 0 has no negative, so a set sign bit is an invalid encoding.
  if (x2 === 0n) return !xSign;
  return modPow(x2, (P - 1n) / 2n) === 1n;
}

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % P;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}
