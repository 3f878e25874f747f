import type { AttestationTrust, EnrollingDialect, PasskeyCredential } from '../credential.ts';
import { fromBase64Url, toBase64Url } from '../encoding.ts';
import { newPasskeyRecord } from './passkey-credential.ts';
import type { PendingSignup } from './verify-pending-registration.ts';

type Extra = Readonly<Record<string, string | null>>;
type Json = { readonly [key: string]: unknown };

const TRUSTS: readonly unknown[] = ['none', 'self', 'trusted', 'untrusted'] satisfies AttestationTrust[];
const DIALECTS: readonly unknown[] = ['native', 'biokey', 'swapbits', 'duo', 'loginid', 'appkey'] satisfies EnrollingDialect[];
const isTrust = (v: unknown): v is AttestationTrust => TRUSTS.includes(v);
const isDialect = (v: unknown): v is EnrollingDialect => DIALECTS.includes(v);

/** A pending sign-up as text, to be held by an ephemeral record (a one-time code's payload). */
export function encodePendingSignup(pending: PendingSignup, extra: Extra): string {
  const { credential: c } = pending;
  return JSON.stringify({
    userId: pending.userId,
    username: pending.username,
    displayName: pending.displayName,
    extra,
    credential: { ...c, credentialId: toBase64Url(c.credentialId), publicKey: toBase64Url(c.publicKey) },
  });
}

/** The text written by `encodePendingSignup`, every field checked (a malformed record is a fault, not input). */
export function decodePendingSignup(text: string): { pending: PendingSignup; extra: Extra } {
  const raw = objectOf(JSON.parse(text), 'pending sign-up');
  const c = objectOf(raw.credential, 'credential');
  const credential: PasskeyCredential = newPasskeyRecord(
    { id: str(c, 'id'), tenantId: str(c, 'tenantId'), userId: str(c, 'userId'), enrolledVia: checked(c, 'enrolledVia', isDialect), deviceId: strOrNull(c, 'deviceId'), name: strOrNull(c, 'name'), createdAt: num(c, 'createdAt') },
    {
      credentialId: fromBase64Url(str(c, 'credentialId')),
      publicKey: fromBase64Url(str(c, 'publicKey')),
      algorithm: num(c, 'algorithm'),
      signCount: num(c, 'signCount'),
      aaguid: strOrNull(c, 'aaguid'),
      transports: strings(c, 'transports'),
      attestationFormat: strOrNull(c, 'attestationFormat'),
      attestationTrust: c.attestationTrust === null ? null : checked(c, 'attestationTrust', isTrust),
      backupEligible: bool(c, 'backupEligible'),
      backupState: bool(c, 'backupState'),
      userVerified: bool(c, 'userVerified'),
    },
  );
  const extras = objectOf(raw.extra, 'extra');
  const extra = Object.fromEntries(Object.keys(extras).map((k) => [k, strOrNull(extras, k)]));
  return { pending: { userId: str(raw, 'userId'), username: str(raw, 'username'), displayName: str(raw, 'displayName'), credential }, extra };
}

const malformed = (what: string): Error => new Error(`malformed pending sign-up: ${what}`);

function objectOf(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(what);
  return Object.fromEntries(Object.entries(value));
}
function str(o: Json, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw malformed(key);
  return v;
}
const strOrNull = (o: Json, key: string): string | null => (o[key] === null ? null : str(o, key));
function num(o: Json, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw malformed(key);
  return v;
}
function bool(o: Json, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw malformed(key);
  return v;
}
function strings(o: Json, key: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw malformed(key);
  return v;
}
function checked<T>(o: Json, key: string, is: (v: unknown) => v is T): T {
  const v = o[key];
  if (!is(v)) throw malformed(key);
  return v;
}
