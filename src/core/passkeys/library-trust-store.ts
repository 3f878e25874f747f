import { SettingsService } from '@simplewebauthn/server';

/** Every identifier SimpleWebAuthn keeps root certificates under (formats, and `mds`). */
const LIBRARY_ROOT_IDENTIFIERS = ['packed', 'tpm', 'android-key', 'android-safetynet', 'apple', 'fido-u2f', 'mds'] as const;

/**
 * Sigil judges attestation chains itself (`attestation-trust.ts`) with the caller's clock, the
 * tenant's anchors and the operator's CRL files. SimpleWebAuthn keeps a process-wide store of
 * roots and, for a format that has roots there, validates chains against the wall clock and
 * downloads the CRLs the certificates name; with no roots for a format it skips that step
 * (`validateCertificatePath` returns early). This empties the store through the library's public
 * `SettingsService`, before every use: idempotent, and no state of Sigil's own. Sigil's default
 * roots are its own files (src/passkeys/roots/), not read from the library.
 */
export function detachLibraryTrustStore(): void {
  for (const identifier of LIBRARY_ROOT_IDENTIFIERS) {
    if (SettingsService.getRootCertificates({ identifier }).length > 0) SettingsService.setRootCertificates({ identifier, certificates: [] });
  }
}
