import type { SigningKeyStatus } from '../signing-key.ts';

/**
 * A tenant's RS256 key for the ID tokens apps verify themselves (AppKey's `jwt`, checked on the
 * phone with `appPublicKey`). Separate from the ES256 access-token keys: other algorithm, other
 * audience, published differently.
 */
export interface AppSigningKeyRecord {
  readonly kid: string;
  readonly tenantId: string;
  /** SPKI public key, PEM. */
  readonly publicPem: string;
  /** The PKCS#8 private key, sealed with the master key (see crypto/envelope.ts). */
  readonly sealedPrivateKey: string;
  readonly status: SigningKeyStatus;
  readonly createdAt: number;
  readonly retiredAt: number | null;
}

export interface AppSigningKeyRepository {
  create(key: AppSigningKeyRecord): Promise<void>;
  /** Newest first. */
  listByTenant(tenantId: string): Promise<AppSigningKeyRecord[]>;
  /** A transition: false when absent or already retired. */
  retire(tenantId: string, kid: string, at: number): Promise<boolean>;
}
