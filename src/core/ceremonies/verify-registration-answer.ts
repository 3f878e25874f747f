import type { ChallengeRecord } from '../challenges.ts';
import type { CoreDeps } from '../deps.ts';
import { verifyRegistration, type RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { AttestationPreference, Tenant, UserVerificationPolicy } from '../tenant.ts';

/** What `startPasskeyRegistration` kept with the challenge. */
export interface RegistrationState {
  readonly username: string;
  readonly displayName: string;
  readonly newUser: boolean;
  readonly userVerification: UserVerificationPolicy;
  readonly attestation: AttestationPreference;
  readonly algorithms: number[];
}

/**
 * The authenticator's answer to a spent registration challenge, verified (L3 §7.1 steps 5-22)
 * against the options that challenge was issued with. Creates nothing.
 */
export async function verifyRegistrationAnswer(
  deps: Pick<CoreDeps, 'passkeys' | 'clock'>,
  tenant: Tenant,
  challenge: ChallengeRecord,
  response: unknown,
): Promise<{ state: RegistrationState; passkey: RegisteredPasskey }> {
  const state = challenge.data as unknown as RegistrationState;
  const passkey = await verifyRegistration(
    response,
    { challenge: challenge.challenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: state.userVerification, algorithms: state.algorithms, attestation: state.attestation },
    { ...deps.passkeys.trust, now: deps.clock.now() },
  );
  return { state, passkey };
}
