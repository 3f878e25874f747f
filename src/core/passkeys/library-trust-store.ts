import { X509Certificate } from 'node:crypto';
import { SettingsService } from '@simplewebauthn/server';

/**
 * Sigil decides attestation trust itself (see `attestation-trust.ts`), with the caller's clock,
 * the tenant's anchors and CRLs supplied offline. SimpleWebAuthn keeps a process-wide store of
 * root certificates and, whenever a format has roots there, validates chains against the wall
 * clock and downloads CRLs named in the certificates. This module takes the library's default
 * roots (Apple, Google hardware attestation, GlobalSign for SafetyNet) as Sigil's defaults and
 * then empties the library's store, so the library only checks attestation statements.
 *
 * The library's `android-key` verifier still validates the x5c against its own last certificate
 * with the wall clock (and may try CRL URLs named in those certificates); that path cannot be
 * switched off from outside the library.
 */
const FORMATS_WITH_LIBRARY_ROOTS = ['android-key', 'android-safetynet', 'apple'] as const;

let defaults: Readonly<Record<string, readonly Uint8Array[]>> | undefined;

/** Captures the library defaults once, then empties the library's store. Idempotent. */
export function libraryDefaultRoots(): Readonly<Record<string, readonly Uint8Array[]>> {
  if (defaults === undefined) {
    const captured: Record<string, readonly Uint8Array[]> = {};
    for (const fmt of FORMATS_WITH_LIBRARY_ROOTS) {
      captured[fmt] = SettingsService.getRootCertificates({ identifier: fmt }).map((pem) => new Uint8Array(new X509Certificate(pem).raw));
      SettingsService.setRootCertificates({ identifier: fmt, certificates: [] });
    }
    defaults = Object.freeze(captured);
  }
  return defaults;
}
