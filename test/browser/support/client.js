// The test page's script: the WebAuthn client half of Sigil's native API, written the way a web
// app on another origin would write it (cross-origin fetch with credentials: 'include', the
// browser's JSON helpers for the options and the credential). Every step reports instead of
// throwing, so the driver can assert which stage stopped a ceremony and with which error.

const toBase64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const descriptors = (list) => (list ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) }));

// Fallbacks for browsers without the WebAuthn L3 JSON helpers (Chromium 129+ has them).
function creationOptionsOf(json) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return { ...json, challenge: fromBase64Url(json.challenge), user: { ...json.user, id: fromBase64Url(json.user.id) }, excludeCredentials: descriptors(json.excludeCredentials) };
}

function requestOptionsOf(json) {
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return { ...json, challenge: fromBase64Url(json.challenge), allowCredentials: descriptors(json.allowCredentials) };
}

function credentialJSON(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const r = credential.response;
  const response = 'attestationObject' in r
    ? { clientDataJSON: toBase64Url(r.clientDataJSON), attestationObject: toBase64Url(r.attestationObject), transports: r.getTransports() }
    : { clientDataJSON: toBase64Url(r.clientDataJSON), authenticatorData: toBase64Url(r.authenticatorData), signature: toBase64Url(r.signature), ...(r.userHandle ? { userHandle: toBase64Url(r.userHandle) } : {}) };
  return { id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type, authenticatorAttachment: credential.authenticatorAttachment, response, clientExtensionResults: credential.getClientExtensionResults() };
}

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const failure = (stage, error) => ({ stage, name: error.name, message: error.message });

/** Strips the transport binding's envelope, leaving the WebAuthn options JSON. */
function optionsJSONOf(reply) {
  const { status: _status, errorMessage: _message, session: _session, ...options } = reply;
  return options;
}

async function createCredential(optionsReply) {
  const credential = await navigator.credentials.create({ publicKey: creationOptionsOf(optionsJSONOf(optionsReply)) });
  return credentialJSON(credential);
}

async function getCredential(optionsReply, overrides = {}) {
  const credential = await navigator.credentials.get({ publicKey: requestOptionsOf({ ...optionsJSONOf(optionsReply), ...overrides }) });
  return credentialJSON(credential);
}

/**
 * One ceremony: options → browser → result. `sendSession` puts the session into the result
 * body; without it only the HttpOnly cookie carries it. `overrides` change the options the page
 * hands to the browser (a client trying to lower what the server asked for).
 */
async function runCeremony(kind, base, request, { sendSession = false, overrides = {} } = {}) {
  const outcome = {};
  const [optionsPath, resultPath] = kind === 'register' ? ['/attestation/options', '/attestation/result'] : ['/assertion/options', '/assertion/result'];
  try {
    const options = await post(base + optionsPath, request);
    outcome.options = options.body;
    if (options.status !== 200) return { ...outcome, error: { stage: 'options', name: String(options.status), message: options.body.errorMessage } };
  } catch (error) {
    return { ...outcome, error: failure('options', error) };
  }
  try {
    outcome.credential = kind === 'register' ? await createCredential(outcome.options) : await getCredential(outcome.options, overrides);
  } catch (error) {
    return { ...outcome, error: failure('browser', error) };
  }
  try {
    outcome.result = await post(base + resultPath, sendSession ? { ...outcome.credential, session: outcome.options.session } : outcome.credential);
  } catch (error) {
    return { ...outcome, error: failure('result', error) };
  }
  return outcome;
}

window.sigil = {
  register: (base, request, options) => runCeremony('register', base, request, options),
  login: (base, request, options) => runCeremony('login', base, request, options),
  /** Only the browser step, on options obtained elsewhere. */
  async create(optionsReply) {
    try {
      return { credential: await createCredential(optionsReply) };
    } catch (error) {
      return { error: failure('browser', error) };
    }
  },
  async fetchOptions(url, request) {
    try {
      return { options: await post(url, request) };
    } catch (error) {
      return { error: failure('options', error) };
    }
  },
  capabilities: () => ({
    secureContext: window.isSecureContext,
    parseCreationOptionsFromJSON: typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function',
    parseRequestOptionsFromJSON: typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function',
  }),
};
