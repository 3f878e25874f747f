/**
 * SimpleWebAuthn (which checks attestation statements for Sigil) may reach the network on its
 * own: its `android-key` verifier validates the statement's x5c against the chain's own last
 * certificate and, for every certificate naming a CRL distribution point, downloads that CRL
 * (android.googleapis.com for Google's hardware attestation CAs). A failed download counts as
 * "not revoked", so the fetch decides nothing, but it makes a registration wait on a remote host
 * and lets a certificate in a client's request choose a URL the server calls.
 *
 * The library routes every such download through one internal indirection
 * (`helpers/fetch.js`, `_fetchInternals.stubThis`) and has no public setting for it. This
 * replaces that indirection with one that refuses at once, so the library never fetches;
 * revocation is Sigil's own check against the operator's CRL files (`CRL_PATHS`). The module is
 * loaded by its file URL (the package's export map does not list it), which resolves to the very
 * module instance the library imports. When a library release moves it, this throws at start-up
 * (and its test fails) rather than silently going back online.
 */
interface FetchInternals {
  stubThis: (url: string) => Promise<Response>;
}

export const OFFLINE_REFUSAL = 'Sigil keeps SimpleWebAuthn offline: CRLs come from CRL_PATHS';

let applied = false;

function isFetchInternals(value: unknown): value is FetchInternals {
  return typeof value === 'object' && value !== null && typeof (value as { stubThis?: unknown }).stubThis === 'function';
}

export async function keepWebAuthnLibraryOffline(): Promise<void> {
  if (applied) return;
  const entry = import.meta.resolve('@simplewebauthn/server');
  const module = (await import(new URL('./helpers/fetch.js', entry).href)) as { _fetchInternals?: unknown };
  const internals = module._fetchInternals;
  if (!isFetchInternals(internals)) {
    throw new Error(`@simplewebauthn/server no longer has helpers/fetch.js _fetchInternals (resolved from ${entry}); review keep-webauthn-library-offline.ts`);
  }
  internals.stubThis = () => Promise.reject(new Error(OFFLINE_REFUSAL));
  applied = true;
}
