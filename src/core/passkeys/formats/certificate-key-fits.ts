import { X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * The key each COSE signature algorithm verifies with (RFC 9053, RFC 8812, FIPS 204), as
 * node:crypto names key types (`ec:<curve>` for ECDSA).
 */
const KEYS_OF: ReadonlyMap<number, readonly string[]> = new Map([
  [-7, ['ec:prime256v1']],
  [-35, ['ec:secp384r1']],
  [-36, ['ec:secp521r1']],
  [-8, ['ed25519', 'ed448']],
  [-19, ['ed25519']],
  [-53, ['ed448']],
  [-257, ['rsa']],
  [-258, ['rsa']],
  [-259, ['rsa']],
  [-65535, ['rsa']],
  [-37, ['rsa', 'rsa-pss']],
  [-38, ['rsa', 'rsa-pss']],
  [-39, ['rsa', 'rsa-pss']],
  [-48, ['ml-dsa-44']],
  [-49, ['ml-dsa-65']],
  [-50, ['ml-dsa-87']],
]);

function describeKey(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' ? `ec:${key.asymmetricKeyDetails?.namedCurve}` : String(key.asymmetricKeyType);
}

/**
 * Whether a signature made with COSE `alg` can be one by the key of the certificate `der`
 * (§8.2 packed verification procedure: sig is checked "using the attestation public key in
 * attestnCert with the algorithm specified in alg"). Null when the certificate is unreadable:
 * the trust evaluation refuses that with its own reason.
 */
export function certificateKeyFits(der: Uint8Array, alg: number): boolean | null {
  let key: KeyObject;
  try {
    key = new X509Certificate(der).publicKey;
  } catch {
    return null;
  }
  return KEYS_OF.get(alg)?.includes(describeKey(key)) ?? false;
}
