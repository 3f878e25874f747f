import type { JWK } from 'jose';

export type SigningKeyStatus = 'active' | 'retired';

export interface SigningKeyRecord {
  readonly kid: string;
  readonly tenantId: string;
  readonly alg: 'ES256';
  readonly publicJwk: JWK;
  /** The PKCS#8 private key, sealed with the master key (see crypto/envelope.ts). */
  readonly sealedPrivateKey: string;
  readonly status: SigningKeyStatus;
  readonly createdAt: number;
  readonly retiredAt: number | null;
}
