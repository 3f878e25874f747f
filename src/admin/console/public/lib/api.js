// Calls to Sigil from the console: the session cookie goes along by itself (same origin,
// SameSite=Strict); state-changing calls also carry the session's CSRF token.

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch + JSON, Sigil's error envelope turned into an ApiError. */
export async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-sigil-csrf'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = data?.error ?? {};
    throw new ApiError(res.status, error.code ?? String(res.status), error.message ?? `${method} ${path} failed (${res.status})`);
  }
  return data;
}

/** The management API, as the signed-in operator. */
export const admin = {
  get: (path) => call('GET', `/admin/v1${path}`),
  post: (path, body = {}) => call('POST', `/admin/v1${path}`, body),
  patch: (path, body) => call('PATCH', `/admin/v1${path}`, body),
  delete: (path) => call('DELETE', `/admin/v1${path}`),
};

/** `?a=1&b=2` from the set members of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}
