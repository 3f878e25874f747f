// The BioKey test page's script: loads BioKey's own browser SDK (biokey-js, kept verbatim under
// test/browser/fixtures) and drives it as a web app on another origin would. Two things are
// added around the SDK, never inside it:
//
// 1. The one adaptation: both SDK versions key the PRF extension's `evalByCredential` by the
//    credential id in hex, where WebAuthn wants the id in base64url; Chromium rejects such a
//    request (the key names no credential of `allowCredentials`) before anything reaches a
//    server. `navigator.credentials.get` is wrapped to re-key that one map; nothing else changes.
// 2. An observer: `fetch` is wrapped to record each request the SDK makes and the server's
//    answer (the SDK itself ignores the answer to /enroll).

const toBase64Url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const HEX_ID = /^(?:[0-9a-f]{2})+$/;

const browserGet = navigator.credentials.get.bind(navigator.credentials);
const adapted = [];
let adapting = true;
navigator.credentials.get = (options) => {
  const prf = options?.publicKey?.extensions?.prf;
  if (adapting && prf?.evalByCredential) {
    const rekeyed = {};
    for (const [key, value] of Object.entries(prf.evalByCredential)) {
      const base64url = HEX_ID.test(key) ? toBase64Url(Uint8Array.from(key.match(/../g), (h) => parseInt(h, 16))) : key;
      rekeyed[base64url] = value;
      adapted.push({ from: key, to: base64url });
    }
    prf.evalByCredential = rekeyed;
  }
  return browserGet(options);
};

const pageFetch = window.fetch.bind(window);
const requests = [];
window.fetch = async (input, init = {}) => {
  const entry = { method: init.method ?? 'GET', url: String(input), body: init.body === undefined ? null : JSON.parse(init.body) };
  requests.push(entry);
  const response = await pageFetch(input, init);
  entry.status = response.status;
  entry.response = await response.clone().json().catch(() => null);
  return response;
};

const failureOf = (error) => ({ name: error?.name ?? 'Error', message: String(error?.message ?? error) });

window.biokey = {
  /** Runs `enroll(userId)` of the given SDK version; `serverUrl` null enrolls locally only. */
  async enroll(version, serverUrl, userId) {
    const { BioKeyClient } = await import(`/biokey-js-${version}/src/index.js`);
    const client = new BioKeyClient(serverUrl === null ? {} : { serverUrl });
    try {
      return { identity: await client.enroll(userId) };
    } catch (error) {
      return { error: failureOf(error) };
    }
  },
  async authenticate(version, serverUrl, userId) {
    const { BioKeyClient } = await import(`/biokey-js-${version}/src/index.js`);
    const client = new BioKeyClient({ serverUrl });
    try {
      return { result: await client.authenticate(userId) };
    } catch (error) {
      return { error: failureOf(error) };
    }
  },
  /** Turns the evalByCredential adaptation off, to show what Chromium does without it. */
  setAdaptation(on) {
    adapting = on;
  },
  /** What the page saw since the last call, then forgets it. */
  drain() {
    const seen = { requests: requests.splice(0), adapted: adapted.splice(0) };
    return seen;
  },
};
