import { SUPPORTED_COSE_ALGORITHMS } from '../../crypto/cose/cose-algorithms.ts';
import { issueChallenge } from '../challenges.ts';
import type { CoreDeps } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { AttestationPreference, Tenant } from '../tenant.ts';
import { MAX_USERNAME_LENGTH, normalizeUsername, type User } from '../user.ts';
import { consumeRegistrationGrant } from './registration-grants.ts';
import { echoExtensions, type AuthenticatorSelectionJSON, type CreationOptionsJSON, type RequestedSelection } from './passkey-options.ts';
import { userHandleOf } from './user-handle.ts';
import { stricterUserVerification } from './user-verification.ts';

export interface RegistrationOptionsRequest {
  readonly username: string;
  readonly displayName?: string;
  readonly authenticatorSelection?: RequestedSelection;
  readonly attestation?: unknown;
  readonly extensions?: unknown;
}

/** What entitles the caller to add a passkey to an existing user. */
export interface RegistrationAuthority {
  /** The user id of a verified access token the request carried, if any. */
  readonly bearerUserId: string | null;
  /** A one-time grant from the management API, if given. */
  readonly grant: string | null;
}

export interface RegistrationStart {
  readonly options: CreationOptionsJSON;
  /** Opaque handle of the ceremony; the result step presents it (body or cookie). */
  readonly session: string;
}

/** In increasing strength: a client may ask for more attestation than the tenant, never for less. */
const ATTESTATIONS: readonly AttestationPreference[] = ['none', 'indirect', 'direct', 'enterprise'];

function strongerAttestation(tenant: AttestationPreference, requested: unknown): AttestationPreference {
  const asked = ATTESTATIONS.indexOf(requested as AttestationPreference);
  return asked > ATTESTATIONS.indexOf(tenant) ? (ATTESTATIONS[asked] as AttestationPreference) : tenant;
}

/**
 * Options for a passkey registration. A new username signs up (when the tenant allows it; the
 * user is created only when the ceremony succeeds). An existing user needs their own access
 * token or a registration grant — unless the tenant opened registration for the FIDO
 * conformance tool.
 */
export async function startPasskeyRegistration(
  deps: CoreDeps,
  tenant: Tenant,
  request: RegistrationOptionsRequest,
  authority: RegistrationAuthority,
): Promise<RegistrationStart> {
  const username = normalizeUsername(request.username);
  if (username.length === 0 || username.length > MAX_USERNAME_LENGTH) throw new DomainError('invalid_request', { detail: 'username must be 1-256 characters' });
  const found = await deps.storage.credentials.listByUsername(tenant.id, username, 'passkey');
  const existing = found?.user ?? null;
  if (existing) await authorizeExistingUser(deps, tenant, existing, authority);
  else if (!tenant.policies.allowSignUp) throw new DomainError('signup_disabled');

  const userId = existing?.id ?? deps.random.uuid();
  const displayName = (request.displayName ?? existing?.displayName ?? username).normalize('NFC').trim().slice(0, MAX_USERNAME_LENGTH) || username;
  const userVerification = stricterUserVerification(tenant.policies.userVerification, request.authenticatorSelection?.userVerification);
  const attestation = strongerAttestation(tenant.policies.attestation, request.attestation);
  const algorithms = tenant.policies.algorithms.filter((alg) => SUPPORTED_COSE_ALGORITHMS.includes(alg));
  const excluded = found?.credentials ?? [];
  const challenge = await issueChallenge(deps, tenant, {
    purpose: 'passkey.registration',
    userId,
    data: { username, displayName, newUser: existing === null, userVerification, attestation, algorithms },
  });
  const extensions = echoExtensions(request.extensions);
  const options: CreationOptionsJSON = {
    rp: { name: tenant.rpName, id: tenant.rpId },
    user: { id: toBase64Url(userHandleOf(userId)), name: username, displayName },
    challenge: challenge.challenge,
    pubKeyCredParams: algorithms.map((alg) => ({ type: 'public-key', alg })),
    timeout: tenant.policies.challengeTtlSeconds * 1000,
    excludeCredentials: excluded
      .filter((c) => c.status === 'active')
      .map((c) => ({ type: 'public-key', id: toBase64Url(c.credentialId), ...(c.transports.length > 0 ? { transports: c.transports } : {}) })),
    authenticatorSelection: selectionOf(request.authenticatorSelection, userVerification),
    attestation,
    ...(extensions ? { extensions } : {}),
  };
  return { options, session: challenge.id };
}

async function authorizeExistingUser(deps: CoreDeps, tenant: Tenant, user: User, authority: RegistrationAuthority): Promise<void> {
  if (user.status !== 'active') throw new DomainError('user_disabled');
  if (authority.bearerUserId === user.id) return;
  if (authority.grant !== null) {
    const grantedTo = await consumeRegistrationGrant(deps, tenant, authority.grant);
    if (grantedTo === user.id) return;
    throw new DomainError('registration_not_allowed', { detail: 'the grant was made for another user' });
  }
  if (tenant.policies.insecureOpenRegistrationForExistingUsers) return;
  throw new DomainError('registration_not_allowed', { detail: 'existing username without token or grant' });
}

function selectionOf(requested: RequestedSelection | undefined, userVerification: string): AuthenticatorSelectionJSON {
  const attachment = requested?.authenticatorAttachment;
  const residentKey = requested?.residentKey;
  const requireResidentKey = requested?.requireResidentKey === true || residentKey === 'required';
  return {
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
    residentKey: residentKey === 'discouraged' || residentKey === 'required' ? residentKey : requireResidentKey ? 'required' : 'preferred',
    requireResidentKey,
    userVerification,
  };
}
