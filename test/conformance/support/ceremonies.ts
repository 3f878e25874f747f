import type { SoftwareAuthenticator } from '../../../src/testing/authenticator/software-authenticator.ts';
import { ORIGIN, RP_ID } from './conformance-server.ts';
import type { ConformanceServer } from './conformance-server.ts';
import type { Reply, ToolClient } from './tool-client.ts';
import { asToolCredential } from './tool-client.ts';

let serial = 0;
/** Every scenario registers under its own username, so cases cannot see each other's passkeys. */
export const uniqueUsername = (label: string): string => `${label}-${++serial}`;

/** What an authenticator needs to answer one set of options. */
export interface Turn {
  readonly options: Record<string, unknown>;
  readonly request: { readonly challenge: string; readonly rpId: string; readonly origin: string };
}

export type Answer = (turn: Turn) => unknown;

function turnOf(options: Reply): Turn {
  if (options.status !== 200) throw new Error(`options refused: ${options.status} ${JSON.stringify(options.body)}`);
  return { options: options.body, request: { challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN } };
}

/** The options the tool asks for when registering (Conformance-Test-API, attestation/options). */
export function attestationOptions(username: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    username,
    displayName: `${username} (conformance)`,
    authenticatorSelection: { requireResidentKey: false, authenticatorAttachment: 'cross-platform', userVerification: 'preferred' },
    attestation: 'direct',
    ...extra,
  };
}

/** One registration ceremony for a new username: options, then `answer`'s response. */
export async function attest(server: ConformanceServer, answer: Answer, extra: Record<string, unknown> = {}): Promise<Reply> {
  const client = server.client();
  const turn = turnOf(await client.post('/attestation/options', attestationOptions(uniqueUsername('reg'), extra)));
  return client.post('/attestation/result', answer(turn));
}

/** A user with `authenticator`'s passkey (none attestation), signed in with the tool's cookie jar. */
export interface Enrolled {
  readonly client: ToolClient;
  readonly username: string;
  /** The WebAuthn user handle the options carried as `user.id`. */
  readonly userHandle: Uint8Array;
}

export async function enrol(server: ConformanceServer, authenticator: SoftwareAuthenticator): Promise<Enrolled> {
  const client = server.client();
  const username = uniqueUsername('login');
  const turn = turnOf(await client.post('/attestation/options', attestationOptions(username, { attestation: 'none' })));
  const done = await client.post('/attestation/result', asToolCredential(authenticator.register(turn.request)));
  if (done.status !== 200) throw new Error(`registration refused: ${JSON.stringify(done.body)}`);
  const userHandle = new Uint8Array(Buffer.from((turn.options.user as { id: string }).id, 'base64url'));
  return { client, username, userHandle };
}

/** One login of an enrolled user: assertion options (with `userVerification`), then `answer`'s response. */
export async function loginOnce(user: Enrolled, answer: Answer, userVerification = 'preferred'): Promise<Reply> {
  const turn = turnOf(await user.client.post('/assertion/options', { username: user.username, userVerification }));
  return user.client.post('/assertion/result', answer(turn));
}

/** Enrol a fresh user with `authenticator`, then log in once. */
export async function login(server: ConformanceServer, authenticator: SoftwareAuthenticator, answer: (turn: Turn, user: Enrolled) => unknown, userVerification = 'preferred'): Promise<Reply> {
  const user = await enrol(server, authenticator);
  return loginOnce(user, (turn) => answer(turn, user), userVerification);
}
