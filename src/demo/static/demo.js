// The demo page's script: plain ES module, no build step. SimpleWebAuthn's browser package is
// served by Sigil from its installed package (/demo/vendor/simplewebauthn/), never from a CDN.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '/demo/vendor/simplewebauthn/index.js';

const $ = (id) => document.getElementById(id);

function show(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** POSTs JSON to the native API on this origin; the ceremony cookie rides along. */
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok || json.status !== 'ok') throw new Error(json.errorMessage || `${path} answered ${response.status}`);
  return json;
}

function decodePart(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function showToken(result) {
  const [header, claims] = result.accessToken.split('.').slice(0, 2).map(decodePart);
  $('token-user').textContent = `${result.username} (${result.userId})`;
  $('token-expires').textContent = new Date(claims.exp * 1000).toLocaleString();
  $('token-header').textContent = JSON.stringify(header, null, 2);
  $('token-claims').textContent = JSON.stringify(claims, null, 2);
  $('token').hidden = false;
}

async function ceremony(kind) {
  const username = $('username').value.trim();
  if (kind === 'register' && username === '') {
    show('error', 'Choose a username to register a passkey.');
    return;
  }
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  show('busy', kind === 'register' ? 'Creating a passkey…' : 'Signing in…');
  try {
    let result;
    if (kind === 'register') {
      const options = await post('/attestation/options', { username, displayName: username, authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' } });
      const credential = await startRegistration({ optionsJSON: options });
      result = await post('/attestation/result', { ...credential, session: options.session });
    } else {
      const options = await post('/assertion/options', username === '' ? {} : { username });
      const credential = await startAuthentication({ optionsJSON: options });
      result = await post('/assertion/result', { ...credential, session: options.session });
    }
    show('ok', kind === 'register' ? `Passkey created for ${result.username}.` : `Signed in as ${result.username}.`);
    showToken(result);
  } catch (error) {
    show('error', `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`);
  } finally {
    for (const b of document.querySelectorAll('button')) b.disabled = false;
  }
}

$('register').addEventListener('click', () => ceremony('register'));
$('login').addEventListener('click', () => ceremony('login'));
if (!browserSupportsWebAuthn()) show('error', 'This browser does not support passkeys (WebAuthn).');
