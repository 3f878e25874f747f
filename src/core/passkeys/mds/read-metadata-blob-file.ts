import { readFile } from 'node:fs/promises';
import { loadMetadataBlob } from './load-metadata-blob.ts';
import type { MetadataBlobPolicy } from './load-metadata-blob.ts';
import type { MetadataCatalog } from './metadata-catalog.ts';

/** Reads a metadata BLOB downloaded beforehand (no network here) and verifies it. */
export async function readMetadataBlobFile(path: string, policy: MetadataBlobPolicy): Promise<MetadataCatalog> {
  return loadMetadataBlob(await readFile(path, 'utf8'), policy);
}
