/**
 * Transaction confirmation: a user approves one operation (a payment, a signing session), and
 * Sigil keeps what proved the approval so it can be shown, and re-verified, later. Dialects name
 * their own transaction types (`duo.dsg-setup`, a LoginID client's `raw`, …); the model is shared.
 */

/**
 * `pending` until decided; `approved`/`rejected` by a policy decision (Duo's DSG validation);
 * `confirmed` by a verified user proof (a passkey assertion over the transaction); a pending
 * confirmation whose proof failed is `rejected`, one whose time ran out `expired`.
 */
export type TransactionStatus = 'pending' | 'approved' | 'rejected' | 'confirmed' | 'expired';

/**
 * A WebAuthn assertion over the transaction's challenge, byte for byte as the client sent it
 * (base64url), so the signature can be checked again with the credential's public key.
 */
export interface WebAuthnAssertionEvidence {
  readonly kind: 'webauthn-assertion';
  /** The credential id the authenticator used (base64url of the raw id). */
  readonly credentialId: string;
  readonly authenticatorData: string;
  readonly clientDataJSON: string;
  readonly signature: string;
  readonly userHandle: string | null;
  /** The user verification the ceremony required. */
  readonly userVerification: 'required' | 'preferred' | 'discouraged';
}

/**
 * A registered device key asked the MPC node for a signing session (Duo's DSG setup
 * validation): the device's verifying key (hex X9.63) and the session's instance id.
 */
export interface MpcSessionEvidence {
  readonly kind: 'mpc-session';
  readonly deviceKey: string;
  readonly instance: string;
}

export type TransactionEvidence = WebAuthnAssertionEvidence | MpcSessionEvidence;

export interface Transaction {
  readonly tenantId: string;
  readonly id: string;
  readonly userId: string;
  /** Chosen by the dialect; names what the payload is. */
  readonly type: string;
  /** The payload as text, when it is kept; null when only its hash is. */
  readonly payload: string | null;
  /** Lower-case hex SHA-256 of the payload's UTF-8 bytes. */
  readonly payloadHash: string;
  /** The caller's nonce, bound into the challenge of a confirmation; null when none. */
  readonly nonce: string | null;
  readonly status: TransactionStatus;
  readonly createdAt: number;
  /** When a pending transaction can no longer be confirmed; null for decided-at-once ones. */
  readonly expiresAt: number | null;
  readonly decidedAt: number | null;
  /** What proved (or was offered to prove) the decision; null while pending. */
  readonly evidence: TransactionEvidence | null;
}

/** How a pending transaction was decided: written once, by compare-and-set on `pending`. */
export interface TransactionDecision {
  readonly status: Exclude<TransactionStatus, 'pending'>;
  readonly decidedAt: number;
  readonly evidence: TransactionEvidence | null;
}
