import { readFileSync } from 'node:fs';

/**
 * The public roots that attestations of these formats chain to, shipped with Sigil as PEM files
 * in ./roots/ (the certificates SimpleWebAuthn ships as its defaults; `default-attestation-roots.test.ts`
 * checks they still are): Google's hardware attestation roots, GlobalSign Root CA for SafetyNet,
 * Apple's WebAuthn root. `packed`, `tpm` and `fido-u2f` have none.
 */
export const DEFAULT_ATTESTATION_ROOT_FORMATS = ['android-key', 'android-safetynet', 'apple'] as const;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/** The DER certificates of each format's default roots, read from the shipped files. */
export function readDefaultAttestationRoots(): Record<string, readonly Uint8Array[]> {
  const roots: Record<string, readonly Uint8Array[]> = {};
  for (const fmt of DEFAULT_ATTESTATION_ROOT_FORMATS) {
    const text = readFileSync(new URL(`./roots/${fmt}.pem`, import.meta.url), 'latin1');
    roots[fmt] = [...text.matchAll(PEM_CERTIFICATE)].map((block) => new Uint8Array(Buffer.from((block[1] as string).replace(/\s+/g, ''), 'base64')));
  }
  return roots;
}
