import { h, notice } from '../lib/dom.js';
import { enrollWithPasskey } from '../lib/passkey.js';
import { messageOf } from './sign-in.js';

/** Opened from a one-time enrollment link: a new operator creates their passkey. */
export function enrollView({ tenant, link, onSignedIn }) {
  const status = h('div', { class: 'status' });
  const username = h('input', { name: 'username', required: true, autocomplete: 'username', placeholder: 'ops-alice' });
  const displayName = h('input', { name: 'displayName', autocomplete: 'name', placeholder: 'Alice (operations)' });
  const submit = async (event) => {
    event.preventDefault();
    status.replaceChildren(notice('info', 'Creating your passkey…'));
    try {
      await enrollWithPasskey({ tenant, link, username: username.value.trim(), displayName: displayName.value.trim() });
      history.replaceState(null, '', location.pathname + location.search);
      await onSignedIn();
    } catch (error) {
      status.replaceChildren(notice('error', messageOf(error)));
    }
  };
  return h('main', { class: 'sign-in' },
    h('section', { class: 'card narrow' },
      h('h1', {}, 'Become an operator'),
      h('p', { class: 'muted' }, `This one-time link makes you an operator of ${tenant || 'the default tenant'}. Choose a username and create a passkey; you will sign in with it from now on.`),
      h('form', { id: 'enroll-form', onsubmit: submit },
        h('label', {}, 'Username', username),
        h('label', {}, 'Display name', displayName),
        h('button', { type: 'submit', id: 'enroll-submit' }, 'Create passkey and sign in')),
      status));
}
