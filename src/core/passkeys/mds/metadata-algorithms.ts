import type { MetadataEntry } from './metadata-entry.ts';

/** FIDO Registry of Predefined Values §3.6.1 `ALG_SIGN_*` (JSON form) to COSE algorithm identifiers. */
const ALG_SIGN_TO_COSE = new Map<string, readonly number[]>([
  ['secp256r1_ecdsa_sha256_raw', [-7]],
  ['secp256r1_ecdsa_sha256_der', [-7]],
  ['secp384r1_ecdsa_sha384_raw', [-35]],
  ['secp384r1_ecdsa_sha384_der', [-35]],
  ['secp521r1_ecdsa_sha512_raw', [-36]],
  ['secp521r1_ecdsa_sha512_der', [-36]],
  ['secp256k1_ecdsa_sha256_raw', [-47]],
  ['secp256k1_ecdsa_sha256_der', [-47]],
  ['ed25519_eddsa_sha512_raw', [-8, -19]],
  ['ed448_eddsa_sha512_raw', [-8, -53]],
  ['rsassa_pss_sha256_raw', [-37]],
  ['rsassa_pss_sha384_raw', [-38]],
  ['rsassa_pss_sha512_raw', [-39]],
  ['rsassa_pkcsv15_sha256_raw', [-257]],
  ['rsassa_pkcsv15_sha384_raw', [-258]],
  ['rsassa_pkcsv15_sha512_raw', [-259]],
  ['rsassa_pkcsv15_sha1_raw', [-65535]],
]);

/**
 * Whether metadata allows a credential key of COSE `alg` (FIDO Resp-5 F-8). Undecidable (and so
 * allowed) when the statement lists no algorithms or one this table does not know.
 */
export function metadataAllowsAlgorithm(entry: MetadataEntry, alg: number): boolean {
  const listed = entry.authenticationAlgorithms.map((name) => ALG_SIGN_TO_COSE.get(name));
  if (listed.length === 0 || listed.some((algs) => algs === undefined)) return true;
  return listed.some((algs) => algs?.includes(alg) === true);
}
