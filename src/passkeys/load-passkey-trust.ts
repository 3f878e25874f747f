import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { AttestationTrust } from '../core/credential.ts';
import type { PasskeySupport } from '../core/deps.ts';
import { isDomainError } from '../core/errors.ts';
import { loadMetadataBlob } from '../core/passkeys/mds/load-metadata-blob.ts';
import type { MetadataCatalog } from '../core/passkeys/mds/metadata-catalog.ts';
import { parseRevocationList } from '../core/passkeys/x509/revocation-list.ts';
import { readDefaultAttestationRoots } from './default-attestation-roots.ts';
import { readDerFile } from './read-der-file.ts';

/** GlobalSign Root CA - R3, the root the FIDO Alliance signs its MDS3 BLOB under (public data, shipped here). */
export const DEFAULT_MDS_ROOT_PATH = fileURLToPath(new URL('./roots/globalsign-root-ca-r3.pem', import.meta.url));

/** Without an anchor for it, an attestation chain is refused: everything else stays acceptable. */
const REFUSE_UNANCHORED: readonly AttestationTrust[] = Object.freeze(['none', 'self', 'trusted']);

export type PasskeyTrustConfig = Pick<Config, 'mdsBlobPath' | 'mdsRootCertPath' | 'crlPaths' | 'unanchoredAttestation'>;

export interface PasskeyTrust {
  /** For `CoreDeps.passkeys.trust`. */
  readonly trust: PasskeySupport['trust'];
  /** The verified BLOB's catalog, when one is configured (for the start-up log). */
  readonly catalog: MetadataCatalog | null;
  /** Stale metadata and ignored settings: logged at start and shown in `/ready`. */
  readonly warnings: readonly string[];
}

function reasonOf(error: unknown): string {
  if (isDomainError(error)) return error.detail ?? error.code;
  return error instanceof Error ? error.message : String(error);
}

/** Runs one start-up step; any failure stops the start with the setting's name and the reason. */
async function step<T>(setting: string, what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ConfigError([`${setting}: ${what}: ${reasonOf(error)}`]);
  }
}

async function readRevocationLists(paths: readonly string[]): Promise<Uint8Array[]> {
  return Promise.all(
    paths.map((path) =>
      step('CRL_PATHS', `cannot use ${path}`, async () => {
        const der = await readDerFile(path, 'X509 CRL');
        parseRevocationList(der);
        return der;
      }),
    ),
  );
}

async function readCatalog(config: PasskeyTrustConfig, blobPath: string, revocationLists: readonly Uint8Array[], now: number): Promise<MetadataCatalog> {
  const rootPath = config.mdsRootCertPath ?? DEFAULT_MDS_ROOT_PATH;
  const root = await step('MDS_ROOT_CERT_PATH', `cannot read ${rootPath}`, () => readDerFile(rootPath, 'CERTIFICATE'));
  const jwt = await step('MDS_BLOB_PATH', `cannot read ${blobPath}`, () => readFile(blobPath, 'utf8'));
  // Verified at start-up with the clock's time: an expired signer certificate means an old
  // BLOB, and one that does not verify must not decide which authenticators may register.
  return step('MDS_BLOB_PATH', `the FIDO metadata BLOB ${blobPath} is refused (download a current one from https://mds3.fidoalliance.org/)`, () =>
    loadMetadataBlob(jwt, { roots: [root], at: now, revocationLists }),
  );
}

function staleness(catalog: MetadataCatalog, now: number): string | null {
  const today = new Date(now).toISOString().slice(0, 10);
  if (catalog.nextUpdate >= today) return null;
  return `FIDO metadata BLOB no. ${catalog.serial} is stale: its nextUpdate ${catalog.nextUpdate} has passed; download a current one from https://mds3.fidoalliance.org/`;
}

/**
 * Attestation trust from configuration, read once at start-up (files only, no network): CRL
 * files, the FIDO MDS3 BLOB verified against its root (default GlobalSign Root CA - R3) at
 * `now`, and what to do with chains that reach no root. A file that cannot be read or a BLOB
 * that does not verify stops the start (`ConfigError`); a stale BLOB is used, with a warning.
 */
export async function loadPasskeyTrust(config: PasskeyTrustConfig, now: number): Promise<PasskeyTrust> {
  const warnings: string[] = [];
  const revocationLists = await readRevocationLists(config.crlPaths);
  let catalog: MetadataCatalog | null = null;
  if (config.mdsBlobPath !== null) {
    catalog = await readCatalog(config, config.mdsBlobPath, revocationLists, now);
    const stale = staleness(catalog, now);
    if (stale !== null) warnings.push(stale);
  } else if (config.mdsRootCertPath !== null) {
    warnings.push('MDS_ROOT_CERT_PATH is set without MDS_BLOB_PATH and has no effect');
  }
  const trust: PasskeySupport['trust'] = {
    roots: readDefaultAttestationRoots(),
    ...(catalog === null ? {} : { metadata: catalog }),
    ...(revocationLists.length === 0 ? {} : { revocationLists }),
    ...(config.unanchoredAttestation === 'refuse' ? { accept: REFUSE_UNANCHORED } : {}),
  };
  return { trust, catalog, warnings };
}
