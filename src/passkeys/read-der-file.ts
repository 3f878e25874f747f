import { readFile } from 'node:fs/promises';

/** What a PEM block of the wanted kind is labelled (`-----BEGIN <label>-----`). */
export type PemLabel = 'CERTIFICATE' | 'X509 CRL';

/**
 * Reads a certificate or CRL file in either encoding and returns the DER bytes: the first PEM
 * block with `label` when the file has one (text around it, such as a comment, is ignored), else
 * the file as it is. Whether the bytes are a valid structure is for the parser to say.
 */
export async function readDerFile(path: string, label: PemLabel): Promise<Uint8Array> {
  const bytes = await readFile(path);
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN ')) return new Uint8Array(bytes);
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
  if (match === null) throw new Error(`${path} is PEM but holds no ${label} block`);
  return new Uint8Array(Buffer.from((match[1] as string).replace(/\s+/g, ''), 'base64'));
}
