import { X509Certificate } from 'node:crypto';
import { findCoseAlgorithm } from '../../../crypto/cose/cose-algorithms.ts';
import { bytesEqual } from '../../encoding.ts';
import { certificateExtension } from '../x509/certificate-extension.ts';
import { readX5c, requireAlgAndSig, statementError } from './attestation-format.ts';
import type { AttestationFormat, StatementVerification } from './attestation-format.ts';
import { KEY_DESCRIPTION_OID, parseKeyDescription } from './android-key-description.ts';
import type { KeyDescription } from './android-key-description.ts';

const FMT = 'android-key';
/** Keymaster `KM_ORIGIN_GENERATED` and `KM_PURPOSE_SIGN`. */
const ORIGIN_GENERATED = 0;
const PURPOSE_SIGN = 2;

function readKeyDescription(leaf: Uint8Array): KeyDescription {
  try {
    const extension = certificateExtension(leaf, KEY_DESCRIPTION_OID);
    if (extension === null) throw statementError(FMT, 'the leaf certificate has no key description extension');
    return parseKeyDescription(extension);
  } catch (error) {
    if (error instanceof Error && error.name === 'DerError') throw statementError(FMT, `unreadable key description: ${error.message}`);
    throw error;
  }
}

function leafCertificate(leaf: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(leaf);
  } catch {
    throw statementError(FMT, 'the leaf certificate is not an X.509 certificate');
  }
}

/**
 * §8.4 android-key verification procedure, run by Sigil (not SimpleWebAuthn, whose verifier
 * judges the chain with the wall clock and downloads CRLs named in it): the chain itself is
 * judged afterwards like every x5c, with the caller's clock, anchors and CRL files.
 */
function verifyAndroidKey({ attStmt, authData, clientDataHash, credentialKey }: StatementVerification): void {
  const alg = requireAlgAndSig(attStmt, FMT);
  const [leaf] = readX5c(attStmt, FMT);
  const algorithm = findCoseAlgorithm(alg);
  if (algorithm === undefined || leaf === undefined) throw statementError(FMT, `alg ${alg} is not supported`);
  const certificate = leafCertificate(leaf);
  // §8.4 step 2: sig over authenticatorData || clientDataHash, with the leaf's key and alg.
  const signed = new Uint8Array(authData.byteLength + clientDataHash.byteLength);
  signed.set(authData);
  signed.set(clientDataHash, authData.byteLength);
  if (!algorithm.verify(certificate.publicKey, signed, attStmt.get('sig') as Uint8Array)) throw statementError(FMT, 'sig does not verify with the leaf certificate');
  // Step 3: the leaf certificate's key is the credential public key.
  if (!certificate.publicKey.equals(credentialKey)) throw statementError(FMT, 'the leaf certificate key is not the credential public key');
  // Step 4: the key description's attestationChallenge is clientDataHash.
  const description = readKeyDescription(leaf);
  if (!bytesEqual(description.attestationChallenge, clientDataHash)) throw statementError(FMT, 'attestationChallenge is not the client data hash');
  // Step 5: no allApplications in either list; origin GENERATED and purpose SIGN in their union
  // (Sigil accepts software-backed keys; their trust is judged by the chain).
  const lists = [description.softwareEnforced, description.teeEnforced];
  if (lists.some((list) => list.allApplications)) throw statementError(FMT, 'the key is usable by all applications (allApplications is present)');
  const origins = lists.flatMap((list) => (list.origin === null ? [] : [list.origin]));
  if (origins.length === 0 || origins.some((origin) => origin !== ORIGIN_GENERATED)) throw statementError(FMT, 'the key was not generated in the keystore (origin)');
  if (!lists.some((list) => list.purposes.includes(PURPOSE_SIGN))) throw statementError(FMT, 'the key is not a signing key (purpose)');
}

/** §8.4 `android-key`: a Keystore attestation chain with a key description extension. */
export const androidKeyFormat: AttestationFormat = {
  fmt: FMT,
  precheck({ attStmt }) {
    requireAlgAndSig(attStmt, FMT);
    readX5c(attStmt, FMT);
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: readX5c(attStmt, FMT) }),
  verify: verifyAndroidKey,
};
