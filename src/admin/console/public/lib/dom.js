// A tiny element builder: text always goes in as text nodes, so nothing a server or user sends
// is ever parsed as HTML.

/** h('a', {href, onclick}, 'text', child, …): attributes, event handlers (on*), children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A date for people: local, to the second. */
export function when(iso) {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(typeof iso === 'number' ? iso : Date.parse(iso));
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A status message under a form: `kind` is 'error', 'ok' or 'info'. */
export function notice(kind, ...text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** A value shown once, with a copy button. */
export function secretBox(label, value) {
  const input = h('input', { readonly: true, value, class: 'secret', 'aria-label': label });
  return h('div', { class: 'secret-box' }, h('label', {}, label), h('div', { class: 'row' }, input, h('button', { type: 'button', class: 'secondary', onclick: () => navigator.clipboard?.writeText(value) }, 'Copy')));
}
