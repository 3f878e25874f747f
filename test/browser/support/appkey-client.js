// An AppKey web client in the test page, written as the AppKey JS SDK (v1.0.21) behaves: one
// token header per call (access-token, else signup-token, else app-token), Content-Type
// application/json on every call (an empty body for addPasskey), handles lower-cased, and the
// browser's WebAuthn JSON sent flat with `handle` added. Every step reports instead of throwing.

async function appKeyCall(base, path, tokens, body) {
  const headers = { 'content-type': 'application/json' };
  if (tokens.accessToken) headers['access-token'] = tokens.accessToken;
  else if (tokens.signupToken) headers['signup-token'] = tokens.signupToken;
  else headers['app-token'] = tokens.appToken;
  const init = { method: 'POST', headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`${base}/api/appuser/${path}`, init);
  return { status: res.status, body: await res.json() };
}

async function appKeyCreate(options) {
  const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  return credential.toJSON();
}

async function appKeyGet(options) {
  const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
  return credential.toJSON();
}

async function step(name, run) {
  try {
    return await run();
  } catch (error) {
    throw Object.assign(new Error(`${name}: ${error.name}: ${error.message}`), { stage: name });
  }
}

async function report(run) {
  try {
    return await run();
  } catch (error) {
    return { error: error.message };
  }
}

globalThis.appkey = {
  signup: (base, appToken, handle, firstName, lastName) => report(async () => {
    handle = handle.toLowerCase();
    const options = await appKeyCall(base, 'signup', { appToken }, { handle, firstName, lastName });
    if (options.status !== 200) return { options };
    const credential = await step('create', () => appKeyCreate(options.body));
    const confirmed = await appKeyCall(base, 'signupConfirm', { appToken }, { ...credential, handle });
    return { options, credential, confirmed };
  }),
  signupComplete: (base, signupToken, code) => report(() => appKeyCall(base, 'signupComplete', { signupToken }, { code })),
  login: (base, appToken, handle) => report(async () => {
    handle = handle.toLowerCase();
    const options = await appKeyCall(base, 'login', { appToken }, { handle });
    if (options.status !== 200) return { options };
    const credential = await step('get', () => appKeyGet(options.body));
    const completed = await appKeyCall(base, 'loginComplete', { appToken }, { ...credential, handle });
    return { options, credential, completed };
  }),
  addPasskey: (base, accessToken) => report(async () => {
    const options = await appKeyCall(base, 'addPasskey', { accessToken });
    if (options.status !== 200) return { options };
    const credential = await step('create', () => appKeyCreate(options.body));
    const completed = await appKeyCall(base, 'addPasskeyComplete', { accessToken }, credential);
    return { options, credential, completed };
  }),
};
