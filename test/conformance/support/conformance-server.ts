import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/http/app.ts';
import { createTestServices } from '../../../src/testing/test-services.ts';
import type { TestServices } from '../../../src/testing/test-services.ts';
import type { ConformancePki, MetadataFiles } from './conformance-pki.ts';
import { ToolClient } from './tool-client.ts';

export const RP_ID = 'conformance.sigil.test';
export const ORIGIN = 'https://conformance.sigil.test';

/**
 * The default tenant as docs/conformance.md tells an operator to configure Sigil for the FIDO
 * conformance tool, with the tool's metadata replaced by the test PKI's BLOB.
 */
export const CONFORMANCE_ENV: Readonly<Record<string, string>> = {
  RP_ID,
  ORIGINS: ORIGIN,
  RP_NAME: 'Sigil Conformance',
  // The tool checks that options echo the userVerification it asked for, "discouraged" too.
  USER_VERIFICATION: 'discouraged',
  // The tool registers more than once under one username, without a token or grant.
  INSECURE_OPEN_REGISTRATION: 'true',
  // GetAssertion Resp-3 P-4/P-7 send neither UP nor UV and must be accepted.
  INSECURE_ALLOW_LOGIN_WITHOUT_USER_PRESENCE: 'true',
  // With metadata loaded, a chain to no known root must fail (MDS F-1, F-3 … F-6).
  UNANCHORED_ATTESTATION: 'refuse',
  // The frozen test clock never ends a rate-limit window; the walk sends a few hundred requests.
  RATE_LIMIT_ENABLED: 'false',
};

/** Writes a BLOB with its root and CRLs to `dir`; returns the settings that name them. */
export function metadataEnv(dir: string, files: MetadataFiles, name = 'mds'): Record<string, string> {
  const path = (suffix: string): string => join(dir, `${name}${suffix}`);
  writeFileSync(path('.jwt'), files.blob);
  writeFileSync(path('-root.der'), files.root);
  files.crls.forEach((crl, i) => writeFileSync(path(`-${i}.crl`), crl));
  return { MDS_BLOB_PATH: path('.jwt'), MDS_ROOT_CERT_PATH: path('-root.der'), CRL_PATHS: files.crls.map((_, i) => path(`-${i}.crl`)).join(',') };
}

export interface ConformanceServer {
  readonly services: TestServices;
  readonly app: FastifyInstance;
  readonly pki: ConformancePki;
  /** Where metadata files for extra start-ups may be written. */
  readonly dir: string;
  /** A fresh cookie jar, as one run of the tool. */
  client(): ToolClient;
  close(): Promise<void>;
}

/** Sigil composed as for a conformance run (CONFORMANCE_ENV plus the valid BLOB), over app.inject. */
export async function startConformanceServer(pki: ConformancePki): Promise<ConformanceServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-conformance-'));
  const services = await createTestServices({ env: { ...CONFORMANCE_ENV, ...metadataEnv(dir, await pki.validBlob()) } });
  const app = await buildApp(services);
  return {
    services,
    app,
    pki,
    dir,
    client: () => new ToolClient(app),
    async close() {
      await app.close();
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
