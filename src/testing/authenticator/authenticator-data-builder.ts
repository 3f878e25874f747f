import { createHash } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** Flag bits of authenticator data (WebAuthn L3 §6.1). */
export const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

export interface AuthenticatorDataParts {
  /** The RP ID whose SHA-256 leads the data (pass another one to forge a wrong rpIdHash). */
  readonly rpId: string;
  readonly flags: number;
  readonly signCount: number;
  readonly attested?: { readonly aaguid: Uint8Array; readonly credentialId: Uint8Array; readonly publicKey: Uint8Array };
  /** Authenticator extension outputs; setting them does not set ED by itself. */
  readonly extensions?: ReadonlyMap<string, unknown>;
  /** Bytes appended at the end (the "leftover bytes" defect). */
  readonly trailing?: Uint8Array;
}

/** Serialises authenticator data exactly as given; flags are not derived from the parts. */
export function buildAuthenticatorData(parts: AuthenticatorDataParts): Uint8Array {
  const head = Buffer.alloc(37);
  createHash('sha256').update(parts.rpId).digest().copy(head, 0);
  head[32] = parts.flags;
  head.writeUInt32BE(parts.signCount >>> 0, 33);
  const chunks: Uint8Array[] = [head];
  if (parts.attested !== undefined) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(parts.attested.credentialId.byteLength);
    chunks.push(parts.attested.aaguid, length, parts.attested.credentialId, parts.attested.publicKey);
  }
  if (parts.extensions !== undefined) chunks.push(new Uint8Array(isoCBOR.encode(parts.extensions as Map<string, never>)));
  if (parts.trailing !== undefined) chunks.push(parts.trailing);
  return new Uint8Array(Buffer.concat(chunks));
}

/** clientDataJSON with the members in the order browsers use; `overrides` replace or remove members (undefined removes). */
export function buildClientDataJSON(base: Record<string, unknown>, overrides: Readonly<Record<string, unknown>> = {}): Uint8Array {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return new TextEncoder().encode(JSON.stringify(merged));
}
