import type { CreationOptionsJSON, RequestOptionsJSON } from '../../core/ceremonies/passkey-options.ts';

/** Request bodies of the four endpoints (FIDO2 server transport binding, plus Sigil's `session`). */
export interface AttestationOptionsBody {
  readonly username: string;
  readonly displayName?: string;
  readonly authenticatorSelection?: Record<string, unknown>;
  readonly attestation?: string;
  readonly extensions?: Record<string, unknown>;
  /** A one-time grant from the management API, to add a passkey to an existing user. */
  readonly registrationGrant?: string;
}

export interface AssertionOptionsBody {
  readonly username?: string;
  readonly userVerification?: string;
  readonly extensions?: Record<string, unknown>;
}

/** A PublicKeyCredential JSON, plus the ceremony handle when no cookie carries it. */
export interface ResultBody {
  readonly session?: string;
  readonly [member: string]: unknown;
}

export type AttestationOptionsReply = CreationOptionsJSON & { status: 'ok'; errorMessage: ''; session: string };
export type AssertionOptionsReply = RequestOptionsJSON & { status: 'ok'; errorMessage: ''; session: string };

export interface ResultReply {
  readonly status: 'ok';
  readonly errorMessage: '';
  readonly userId: string;
  readonly username: string;
  readonly credentialId: string;
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

const session = { type: 'string', minLength: 1, maxLength: 128 } as const;

export const attestationOptionsSchema = {
  type: 'object',
  required: ['username'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 256 },
    displayName: { type: 'string', maxLength: 256 },
    authenticatorSelection: { type: 'object' },
    attestation: { type: 'string', maxLength: 32 },
    extensions: { type: 'object' },
    registrationGrant: { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const;

export const assertionOptionsSchema = {
  type: 'object',
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 256 },
    userVerification: { type: 'string', maxLength: 32 },
    extensions: { type: 'object' },
  },
} as const;

/** The credential's own members are checked by the core, each failure with its own code. */
export const resultSchema = { type: 'object', properties: { session } } as const;
