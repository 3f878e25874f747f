export type AuditOutcome = 'success' | 'failure';

/** An append-only record of a state change or a security-relevant refusal. */
export interface AuditEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly at: number;
  /** `user:<id>`, `api-key:<id>`, `system`, `anonymous`, `hook`, … */
  readonly actor: string;
  /** Dotted verb, e.g. `user.created`, `passkey.registered`, `signing-key.rotated`. */
  readonly action: string;
  readonly subject: string | null;
  readonly outcome: AuditOutcome;
  readonly requestId: string | null;
  /** Small, secret-free facts (error codes, credential ids); never keys or codes. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}
