/** PublicKeyCredentialCreationOptions as JSON (WebAuthn L3 §5.4, binary members base64url). */
export interface CreationOptionsJSON {
  readonly rp: { readonly name: string; readonly id: string };
  readonly user: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly challenge: string;
  readonly pubKeyCredParams: readonly { readonly type: 'public-key'; readonly alg: number }[];
  readonly timeout: number;
  readonly excludeCredentials: readonly CredentialDescriptorJSON[];
  readonly authenticatorSelection: AuthenticatorSelectionJSON;
  readonly attestation: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** PublicKeyCredentialRequestOptions as JSON (WebAuthn L3 §5.5). */
export interface RequestOptionsJSON {
  readonly challenge: string;
  readonly timeout: number;
  readonly rpId: string;
  readonly allowCredentials: readonly CredentialDescriptorJSON[];
  readonly userVerification: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface CredentialDescriptorJSON {
  readonly type: 'public-key';
  readonly id: string;
  readonly transports?: readonly string[];
}

export interface AuthenticatorSelectionJSON {
  readonly authenticatorAttachment?: 'platform' | 'cross-platform';
  readonly residentKey: 'discouraged' | 'preferred' | 'required';
  readonly requireResidentKey: boolean;
  readonly userVerification: string;
}

/** Options from the client that Sigil honours (after checking them) when building its own. */
export interface RequestedSelection {
  readonly authenticatorAttachment?: unknown;
  readonly residentKey?: unknown;
  readonly requireResidentKey?: unknown;
  readonly userVerification?: unknown;
}

/** Extensions are echoed back as given (the conformance tool checks it), but only plain objects. */
export function echoExtensions(extensions: unknown): Readonly<Record<string, unknown>> | undefined {
  return extensions !== null && typeof extensions === 'object' && !Array.isArray(extensions) ? (extensions as Record<string, unknown>) : undefined;
}
