/**
 * How the Redis store keeps a value with its logical expiry: `<expiresAt>:<value>`, the expiry
 * in decimal milliseconds since the epoch. The value is kept verbatim after the first colon, so
 * it may itself contain colons, be empty, or be large without any escaping cost.
 */
export interface ValueEnvelope {
  readonly value: string;
  readonly expiresAt: number;
}

export function encodeValueEnvelope(envelope: ValueEnvelope): string {
  return `${envelope.expiresAt}:${envelope.value}`;
}

/** Throws on anything this store did not write: a shared key prefix is a deployment mistake. */
export function decodeValueEnvelope(raw: string): ValueEnvelope {
  const colon = raw.indexOf(':');
  const expiresAt = colon > 0 ? Number(raw.slice(0, colon)) : Number.NaN;
  if (!Number.isSafeInteger(expiresAt)) {
    throw new TypeError('ephemeral value is not in the <expiresAt>:<value> envelope');
  }
  return { value: raw.slice(colon + 1), expiresAt };
}
