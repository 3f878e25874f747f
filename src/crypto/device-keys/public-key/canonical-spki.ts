/**
 * The one DER SubjectPublicKeyInfo Sigil stores for each key type (RFC 5480 §2 for P-256 with
 * the named-curve parameter and an uncompressed point, RFC 8410 §4 for Ed25519). Both have a
 * fixed prefix followed by the raw public key, so building them is concatenation.
 */
const P256_PREFIX = Uint8Array.from(Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'));
const ED25519_PREFIX = Uint8Array.from(Buffer.from('302a300506032b6570032100', 'hex'));

/** `point` is the 65-byte X9.63 uncompressed point `04 || X || Y`. */
export function canonicalP256Spki(point: Uint8Array): Uint8Array {
  return concat(P256_PREFIX, point);
}

/** `raw` is the 32-byte Ed25519 public key of RFC 8032 §5.1.5. */
export function canonicalEd25519Spki(raw: Uint8Array): Uint8Array {
  return concat(ED25519_PREFIX, raw);
}

function concat(prefix: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + tail.length);
  out.set(prefix, 0);
  out.set(tail, prefix.length);
  return out;
}
