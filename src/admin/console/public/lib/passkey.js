// Passkey ceremonies in the browser through @simplewebauthn/browser, served from the installed
// package; the server's options come from Sigil's own core ceremonies.
import { startAuthentication, startRegistration } from '/console/vendor/simplewebauthn/index.js';
import { call } from './api.js';

/** Enrolls an operator with a new passkey; the server answers with a session cookie. */
export async function enrollWithPasskey({ tenant, link, username, displayName }) {
  const { options, session } = await call('POST', '/console/api/enroll/options', { ...(tenant ? { tenant } : {}), link, username, ...(displayName ? { displayName } : {}) });
  const response = await startRegistration({ optionsJSON: options });
  await call('POST', '/console/api/enroll/result', { ...(tenant ? { tenant } : {}), link, session, response });
}

/** Signs in with a passkey (discoverable unless a username is given). */
export async function signInWithPasskey({ tenant, username }) {
  const { options, session } = await call('POST', '/console/api/sign-in/options', { ...(tenant ? { tenant } : {}), ...(username ? { username } : {}) });
  const response = await startAuthentication({ optionsJSON: options });
  await call('POST', '/console/api/sign-in/result', { ...(tenant ? { tenant } : {}), session, response });
}
