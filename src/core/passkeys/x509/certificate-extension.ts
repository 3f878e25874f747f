import { decodeOid, readChildren, readSequence } from './der-reader.ts';

/**
 * The `extnValue` contents (the DER inside the OCTET STRING) of the extension `oid` in a DER
 * certificate, or null when the certificate has none. RFC 5280 §4.1: the extensions are the
 * `[3] EXPLICIT` member of tbsCertificate. Throws `DerError` for a certificate that is not DER.
 */
export function certificateExtension(certificate: Uint8Array, oid: string): Uint8Array | null {
  const [tbs] = readSequence(certificate, 'certificate');
  if (tbs === undefined || tbs.tag !== 0x30) return null;
  const wrapper = readChildren(tbs.value).find((element) => element.tag === 0xa3);
  if (wrapper === undefined) return null;
  const [extensions] = readChildren(wrapper.value);
  if (extensions === undefined || extensions.tag !== 0x30) return null;
  for (const extension of readChildren(extensions.value)) {
    const parts = readChildren(extension.value);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id?.tag === 0x06 && value?.tag === 0x04 && decodeOid(id.value) === oid) return value.value;
  }
  return null;
}
