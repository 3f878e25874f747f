import type { MetadataEntry } from './metadata-entry.ts';

/** Looks authenticator models up in verified metadata; what registration depends on. */
export interface MetadataSource {
  /** By AAGUID, lower-case and hyphenated. */
  findByAaguid(aaguid: string): MetadataEntry | undefined;
  /** By attestation certificate subject key identifier, lower-case hex (U2F authenticators). */
  findByKeyIdentifier(keyIdentifier: string): MetadataEntry | undefined;
}

/** The entries of one verified BLOB, indexed. */
export class MetadataCatalog implements MetadataSource {
  /** The BLOB's serial number (`no`). */
  readonly serial: number;
  /** When the FIDO Alliance plans the next BLOB (ISO date); past it the data is stale. */
  readonly nextUpdate: string;
  readonly #byAaguid = new Map<string, MetadataEntry>();
  readonly #byKeyIdentifier = new Map<string, MetadataEntry>();

  constructor(serial: number, nextUpdate: string, entries: readonly MetadataEntry[]) {
    this.serial = serial;
    this.nextUpdate = nextUpdate;
    for (const entry of entries) {
      if (entry.aaguid !== null) this.#byAaguid.set(entry.aaguid, entry);
      for (const id of entry.attestationCertificateKeyIdentifiers) this.#byKeyIdentifier.set(id, entry);
    }
  }

  get size(): number {
    return new Set([...this.#byAaguid.values(), ...this.#byKeyIdentifier.values()]).size;
  }

  findByAaguid(aaguid: string): MetadataEntry | undefined {
    return this.#byAaguid.get(aaguid.toLowerCase());
  }

  findByKeyIdentifier(keyIdentifier: string): MetadataEntry | undefined {
    return this.#byKeyIdentifier.get(keyIdentifier.toLowerCase());
  }
}
