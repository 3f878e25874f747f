import { call } from '../lib/api.js';
import { h, notice } from '../lib/dom.js';
import { signInWithPasskey } from '../lib/passkey.js';

/** The sign-in page: a passkey first, an API key as the fallback. */
export function signInView({ tenant, onSignedIn }) {
  const status = h('div', { class: 'status' });
  const tenantInput = h('input', { name: 'tenant', placeholder: 'default', value: tenant ?? '', autocomplete: 'off' });
  const usernameInput = h('input', { name: 'username', placeholder: 'optional', autocomplete: 'username webauthn' });
  const keyInput = h('input', { name: 'apiKey', type: 'password', autocomplete: 'off', placeholder: 'sigil_sk_…' });

  const run = async (event, work) => {
    event.preventDefault();
    status.replaceChildren(notice('info', 'Waiting…'));
    try {
      await work();
      status.replaceChildren();
      await onSignedIn();
    } catch (error) {
      status.replaceChildren(notice('error', messageOf(error)));
    }
  };

  return h('main', { class: 'sign-in' },
    h('section', { class: 'card narrow' },
      h('h1', {}, 'Sigil console'),
      h('p', { class: 'muted' }, 'Operators sign in with their passkey.'),
      h('form', { id: 'passkey-form', onsubmit: (e) => run(e, () => signInWithPasskey({ tenant: tenantInput.value.trim(), username: usernameInput.value.trim() })) },
        h('label', {}, 'Tenant', tenantInput),
        h('label', {}, 'Username', usernameInput),
        h('button', { type: 'submit', id: 'passkey-sign-in' }, 'Sign in with a passkey')),
      h('details', { class: 'fallback' },
        h('summary', {}, 'Use an API key instead'),
        h('form', { id: 'api-key-form', onsubmit: (e) => run(e, () => call('POST', '/console/api/sign-in/api-key', { apiKey: keyInput.value.trim() })) },
          h('label', {}, 'API key', keyInput),
          h('button', { type: 'submit', class: 'secondary' }, 'Sign in with the key'))),
      status));
}

export function messageOf(error) {
  if (error?.name === 'NotAllowedError') return 'The passkey prompt was dismissed or timed out.';
  return error?.message ?? String(error);
}
