import { statementError } from './attestation-format.ts';
import type { AttestationFormat, AttestationStatement } from './attestation-format.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The JWS compact serialisation in attStmt.response, checked for shape. */
function readJws(attStmt: AttestationStatement): string {
  const response = attStmt.get('response');
  if (!(response instanceof Uint8Array) || response.byteLength === 0) throw statementError('android-safetynet', 'attStmt.response is missing or empty');
  const jws = new TextDecoder().decode(response);
  if (jws.split('.').length !== 3) throw statementError('android-safetynet', 'attStmt.response is not a compact JWS');
  return jws;
}

/** The certificate chain in the JWS protected header (standard base64 DER, RFC 7515 §4.1.6). */
function headerChain(attStmt: AttestationStatement): Uint8Array[] {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(readJws(attStmt).split('.')[0] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw statementError('android-safetynet', 'JWS header is not JSON');
  }
  const x5c = (header as { x5c?: unknown }).x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) throw statementError('android-safetynet', 'JWS header x5c is missing or empty');
  return x5c.map((entry) => {
    if (typeof entry !== 'string' || !BASE64.test(entry)) throw statementError('android-safetynet', 'JWS header x5c holds a non-certificate');
    return new Uint8Array(Buffer.from(entry, 'base64'));
  });
}

/** §8.5 `android-safetynet`: a SafetyNet JWS whose signing chain must lead to Google's root. */
export const androidSafetyNetFormat: AttestationFormat = {
  fmt: 'android-safetynet',
  precheck({ attStmt }) {
    const ver = attStmt.get('ver');
    if (typeof ver !== 'string' || ver.length === 0) throw statementError('android-safetynet', 'attStmt.ver is missing or empty');
    headerChain(attStmt);
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: headerChain(attStmt) }),
};
