import type { X509Certificate } from 'node:crypto';
import { decodeOid, readChildren, readElement, readSequence } from './der-reader.ts';
import type { DerElement } from './der-reader.ts';

const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

/** The certificate's extensions by OID (their extnValue contents), read from the DER itself. */
function extensions(der: Uint8Array): Map<string, Uint8Array> {
  const [tbs] = readSequence(der, 'certificate');
  const found = new Map<string, Uint8Array>();
  const wrapper = tbs === undefined ? undefined : readChildren(tbs.value).find((element) => element.tag === 0xa3);
  if (wrapper === undefined) return found;
  for (const extension of readChildren(readElement(wrapper.value).value)) {
    const parts: DerElement[] = readChildren(extension.value);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id?.tag === 0x06 && value?.tag === 0x04) found.set(decodeOid(id.value), value.value);
  }
  return found;
}

/**
 * Whether a certificate may issue certificates: basicConstraints with cA TRUE, and, when a
 * keyUsage extension is present, the keyCertSign bit (RFC 5280 §4.2.1.3, §4.2.1.9).
 *
 * Read from the DER rather than from node's `X509Certificate.ca`: OpenSSL reports `ca: false`
 * for any certificate with one extension it cannot parse, and the FIDO conformance tool's TPM
 * certificates carry a malformed authorityKeyIdentifier next to a valid `CA:TRUE`.
 */
export function isCertificateAuthority(certificate: X509Certificate): boolean {
  try {
    const found = extensions(new Uint8Array(certificate.raw));
    const constraints = found.get(BASIC_CONSTRAINTS);
    if (constraints === undefined) return false;
    const [first] = readSequence(constraints, 'basicConstraints');
    if (first?.tag !== 0x01 || first.value[0] === 0x00) return false;
    const usage = found.get(KEY_USAGE);
    if (usage === undefined) return true;
    const bits = readElement(usage);
    return bits.tag === 0x03 && ((bits.value[1] ?? 0) & 0x04) !== 0;
  } catch {
    return false;
  }
}
