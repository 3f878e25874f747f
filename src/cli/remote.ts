import { readFile } from 'node:fs/promises';

/** Where a running server is and the management key to call it with. */
export interface RemoteTarget {
  readonly url: string;
  readonly apiKey: string;
}

interface Output {
  write(text: string): unknown;
}

/**
 * `--url <base> (--api-key-file <path> | --api-key <key>)`: the CLI talks to a running server
 * over the management API instead of opening its database (which a server holding SQLite
 * exclusively does not share). Null when `--url` is absent. A key on the command line is visible
 * to other local users in the process list; the file form is the safe one.
 */
export async function remoteTargetOf(args: readonly string[]): Promise<RemoteTarget | null> {
  const option = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const url = option('url');
  if (url === undefined) return null;
  if (!/^https?:\/\/[^/]+/.test(url)) throw new Error('--url must be the server\'s base URL, such as http://127.0.0.1:8080');
  const file = option('api-key-file');
  const apiKey = file === undefined ? option('api-key') : (await readFile(file, 'utf8')).trim();
  if (apiKey === undefined || apiKey === '') throw new Error('--url needs --api-key-file <path> (or --api-key <key>)');
  return { url: url.replace(/\/+$/, ''), apiKey };
}

/** One management call; answers the parsed body, or throws with the server's error code and message. */
export async function callRemote(target: RemoteTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${target.url}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${target.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new Error(`${res.status} ${error?.code ?? 'error'}: ${error?.message ?? text.slice(0, 200)}`);
  }
  return parsed;
}

/**
 * The commands that work against a running server. `api <METHOD> <path> [json]` reaches every
 * management route; the others are shorthands for the common ones. Returns the exit code, or
 * null for a command that needs the database itself.
 */
export async function runRemote(target: RemoteTarget, argv: readonly string[], out: Output): Promise<number | null> {
  const [command, sub, ...rest] = argv;
  const print = (value: unknown) => out.write(`${JSON.stringify(value, null, 2)}\n`);
  const option = (name: string): string | undefined => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  if (command === 'api' && sub !== undefined && rest[0] !== undefined) {
    const [path, json] = rest;
    print(await callRemote(target, sub.toUpperCase(), path, json === undefined || json.startsWith('--') ? undefined : JSON.parse(json)));
    return 0;
  }
  if (command === 'tenants' && sub === 'list') {
    const { tenants } = (await callRemote(target, 'GET', '/tenants')) as { tenants: { slug: string; rpId: string; origins: string[]; dialects: object; status: string }[] };
    for (const t of tenants) out.write(`${t.slug}\t${t.rpId}\t${t.origins.join(',')}\t${Object.keys(t.dialects).join(',')}\t${t.status}\n`);
    return 0;
  }
  if (command === 'tenants' && sub === 'create') {
    const [slug, rpId, origins, dialects] = [option('slug'), option('rp-id'), option('origins'), option('dialects')];
    if (slug === undefined || rpId === undefined || origins === undefined) throw new Error('tenants create needs --slug, --rp-id and --origins');
    const names = dialects === undefined ? undefined : dialects.trim().startsWith('{') ? JSON.parse(dialects) : Object.fromEntries(dialects.split(',').map((n) => [n.trim(), {}]));
    const body = { slug, rpId, origins: origins.split(',').map((o) => o.trim()).filter((o) => o !== ''), ...(option('rp-name') === undefined ? {} : { rpName: option('rp-name') }), ...(names === undefined ? {} : { dialects: names }) };
    print(await callRemote(target, 'POST', '/tenants', body));
    return 0;
  }
  if (command === 'console-link') {
    if ([sub, ...rest].includes('--tenant')) throw new Error('with --url, console-link acts on the API key\'s own tenant: call it with that tenant\'s key, without --tenant');
    const { url, expiresAt } = (await callRemote(target, 'POST', '/operator-enrollments')) as { url: string; expiresAt: string };
    out.write(`One-time console enrollment link (valid until ${expiresAt}; it replaces any earlier one):\n  ${url}\n`);
    return 0;
  }
  if (command === 'keys' && sub === 'rotate') {
    if (option('tenant') !== undefined) throw new Error('with --url, keys rotate acts on the API key\'s own tenant: call it with that tenant\'s key, without --tenant');
    print(await callRemote(target, 'POST', '/signing-keys/rotate'));
    return 0;
  }
  return null;
}
