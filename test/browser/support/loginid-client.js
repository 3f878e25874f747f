// The test page's script for the LoginID dialect: the requests LoginID's web SDK
// (@loginid/websdk3) sends, written the way it writes them — cross-origin fetch with a JSON
// body, the user token bare in Authorization, byte fields as base64url without padding
// (its bufferToBase64Url), options decoded by hand, deviceInfo {clientType, screenWidth,
// screenHeight}, and the creationResult extras (publicKey, publicKeyAlgorithm, authenticatorData).

const toB64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const descriptors = (list) => (list ?? []).map((c) => ({ ...c, id: fromB64Url(c.id) }));
const deviceInfo = () => ({ clientType: 'browser', screenWidth: window.screen.width, screenHeight: window.screen.height });

async function call(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = token;
  const res = await fetch(`${base}/fido2/v2${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (res.headers.get('content-type') ?? '').includes('application/json') ? await res.json() : null;
  return { status: res.status, body: json };
}

async function createPasskey(base, appId, username, token) {
  const init = await call(base, 'POST', '/reg/init', { app: { id: appId }, deviceInfo: deviceInfo(), user: { username, usernameType: 'email' } }, token);
  if (init.status !== 200) return { stage: 'init', ...init };
  const o = init.body.registrationRequestOptions;
  const publicKey = { ...o, challenge: fromB64Url(o.challenge), user: { ...o.user, id: fromB64Url(o.user.id) }, excludeCredentials: descriptors(o.excludeCredentials) };
  const credential = await navigator.credentials.create({ publicKey });
  const r = credential.response;
  const creationResult = {
    attestationObject: toB64Url(r.attestationObject),
    clientDataJSON: toB64Url(r.clientDataJSON),
    credentialId: toB64Url(credential.rawId),
    authenticatorData: toB64Url(r.getAuthenticatorData()),
    publicKey: toB64Url(r.getPublicKey()),
    publicKeyAlgorithm: r.getPublicKeyAlgorithm(),
    transports: r.getTransports(),
  };
  return { stage: 'complete', ...(await call(base, 'POST', '/reg/complete', { creationResult, session: init.body.session })) };
}

async function assertionFor(options) {
  const publicKey = { ...options, challenge: fromB64Url(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
  const credential = await navigator.credentials.get({ publicKey });
  const r = credential.response;
  return {
    authenticatorData: toB64Url(r.authenticatorData),
    clientDataJSON: toB64Url(r.clientDataJSON),
    credentialId: toB64Url(credential.rawId),
    signature: toB64Url(r.signature),
    ...(r.userHandle ? { userHandle: toB64Url(r.userHandle) } : {}),
  };
}

async function authenticateWithPasskey(base, appId, username) {
  const init = await call(base, 'POST', '/auth/init', { app: { id: appId }, deviceInfo: deviceInfo(), user: { username, usernameType: 'email' } });
  if (init.status !== 200) return { stage: 'init', ...init };
  const { action } = init.body;
  let assertionResult;
  try {
    assertionResult = await assertionFor(init.body.assertionOptions);
  } catch (error) {
    return { stage: 'browser', action, error: { name: error.name, message: error.message } };
  }
  return { stage: 'complete', action, ...(await call(base, 'POST', '/auth/complete', { assertionResult, session: init.body.session })) };
}

async function confirmTransaction(base, username, txPayload, nonce) {
  const init = await call(base, 'POST', '/tx/init', { username, txPayload, nonce, txType: 'raw' });
  if (init.status !== 200) return { stage: 'init', ...init };
  const a = await assertionFor(init.body.assertionOptions);
  const body = { authenticatorData: a.authenticatorData, clientData: a.clientDataJSON, keyHandle: a.credentialId, session: init.body.session, signature: a.signature };
  return { stage: 'complete', txId: init.body.txId, ...(await call(base, 'POST', '/tx/complete', body)) };
}

const reporting = (fn) => async (...args) => {
  try {
    return await fn(...args);
  } catch (error) {
    return { stage: 'browser', error: { name: error.name, message: error.message } };
  }
};

window.loginid = {
  createPasskey: reporting(createPasskey),
  authenticateWithPasskey: reporting(authenticateWithPasskey),
  confirmTransaction: reporting(confirmTransaction),
  listPasskeys: reporting((base, token) => call(base, 'GET', '/passkeys', undefined, token)),
};
