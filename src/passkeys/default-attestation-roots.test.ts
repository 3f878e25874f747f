import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
// Read before anything empties the library's store: this file runs in a process of its own.
import { SettingsService } from '@simplewebauthn/server';
import { DEFAULT_ATTESTATION_ROOT_FORMATS, readDefaultAttestationRoots } from './default-attestation-roots.ts';

describe('default attestation roots', () => {
  it('are the roots the pinned SimpleWebAuthn ships for the same formats', () => {
    const shipped = readDefaultAttestationRoots();
    for (const fmt of DEFAULT_ATTESTATION_ROOT_FORMATS) {
      const library = SettingsService.getRootCertificates({ identifier: fmt }).map((pem) => new X509Certificate(pem).fingerprint256);
      const ours = (shipped[fmt] ?? []).map((der) => new X509Certificate(der).fingerprint256);
      assert.ok(ours.length > 0, fmt);
      assert.deepEqual(ours, library, fmt);
    }
  });
});
