/**
 * One-time codes: short numeric secrets sent to an address the user controls (email, phone) and
 * typed back. A vendor-neutral ceremony: each dialect namespaces its `purpose` and maps its wire
 * onto `issueOneTimeCode`, `deliverOneTimeCode` and `verifyOneTimeCode`.
 */

/** Where a code can be delivered; each is offered only when its provider is configured. */
export type CodeChannel = 'email' | 'sms';

export const CODE_CHANNELS: readonly CodeChannel[] = Object.freeze(['email', 'sms']);

export interface IssuedCode {
  /** 6 random decimal digits (crypto randomness via deps.random). */
  readonly code: string;
  /** ms since epoch. */
  readonly expiresAt: number;
}

export interface CodeIssueRequest {
  /** Namespaced by the caller, e.g. 'loginid:otp', 'appkey:signup'. */
  readonly purpose: string;
  /** What the code is for, e.g. a user id or a signup-session id. */
  readonly subject: string;
  /** Default 300. */
  readonly ttlSeconds?: number;
  /** Default 5 wrong tries, then the code is dead (even the right code fails). */
  readonly maxAttempts?: number;
  /** Opaque payload returned on successful verification (e.g. JSON). */
  readonly data?: string;
}

export interface CodeVerifyRequest {
  readonly purpose: string;
  readonly subject: string;
  readonly code: string;
}

export interface CodeDeliveryRequest {
  readonly channel: CodeChannel;
  readonly address: string;
  readonly code: IssuedCode;
  readonly purpose: string;
}
