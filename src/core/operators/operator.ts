import type { ApiKeyScope } from '../api-key.ts';

/**
 * A user of a tenant who may operate it through the console: the role, and the management
 * scopes it carries (`*` for every scope, as the first operator has).
 */
export interface Operator {
  readonly tenantId: string;
  readonly userId: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  readonly createdAt: number;
}

/**
 * A one-time link that enrolls a new operator with a passkey. Only the digest of its secret is
 * stored; a tenant has at most one live link (a new one replaces it), and using it deletes it.
 */
export interface OperatorEnrollment {
  readonly id: string;
  readonly tenantId: string;
  /** SHA-256 (hex) of the secret in the link. */
  readonly secretHash: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface OperatorRepository {
  /** Grants the role (or replaces the scopes of an existing operator). */
  put(operator: Operator): Promise<void>;
  get(tenantId: string, userId: string): Promise<Operator | null>;
  /** The tenant's operators, oldest first. */
  list(tenantId: string): Promise<Operator[]>;
  remove(tenantId: string, userId: string): Promise<boolean>;
}

export interface OperatorEnrollmentRepository {
  /** Stores `enrollment` and deletes every other link of its tenant; run it in a unit of work. */
  replace(enrollment: OperatorEnrollment): Promise<void>;
  /** The link whose secret has this digest, used or expired ones excepted by the caller. */
  find(tenantId: string, secretHash: string): Promise<OperatorEnrollment | null>;
  /** Deletes and returns the link: of concurrent takers at most one gets it. */
  take(tenantId: string, secretHash: string): Promise<OperatorEnrollment | null>;
  /** Whether the tenant has any link, live or expired (one was issued and not used). */
  exists(tenantId: string): Promise<boolean>;
}
