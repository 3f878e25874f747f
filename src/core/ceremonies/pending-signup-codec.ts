import type { Credential } from '../credential.ts';
import { fromBase64Url, toBase64Url } from '../encoding.ts';
import type { PendingSignup } from './verify-pending-registration.ts';

/** A pending sign-up as text, to be held by an ephemeral record (a one-time code's payload). */
export function encodePendingSignup(pending: PendingSignup, extra: Readonly<Record<string, string | null>>): string {
  const { credential } = pending;
  return JSON.stringify({
    ...pending,
    extra,
    credential: { ...credential, credentialId: toBase64Url(credential.credentialId), publicKey: toBase64Url(credential.publicKey) },
  });
}

export function decodePendingSignup(text: string): { pending: PendingSignup; extra: Readonly<Record<string, string | null>> } {
  const raw = JSON.parse(text) as Omit<PendingSignup, 'credential'> & { credential: Record<string, unknown>; extra: Record<string, string | null> };
  const c = raw.credential;
  const credential = { ...c, credentialId: fromBase64Url(c.credentialId as string), publicKey: fromBase64Url(c.publicKey as string) } as unknown as Credential;
  return { pending: { userId: raw.userId, username: raw.username, displayName: raw.displayName, credential }, extra: raw.extra };
}
