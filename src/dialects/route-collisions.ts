import type { Dialect } from './dialect.ts';

interface DeclaredRoute {
  readonly dialect: string;
  readonly method: string;
  readonly segments: readonly string[];
  readonly text: string;
}

function parse(dialect: Dialect, route: string): DeclaredRoute {
  const match = /^([A-Z]+) (\/\S*)$/.exec(route);
  if (!match?.[1] || !match[2]) throw new Error(`dialect ${dialect.name} declares a malformed route ${JSON.stringify(route)} (expected "METHOD /path")`);
  return { dialect: dialect.name, method: match[1], segments: match[2].split('/').filter((s) => s !== ''), text: route };
}

const isParam = (segment: string): boolean => segment.startsWith(':');

/** Could one request path match both patterns? A parameter matches any one segment, `*` any rest. */
export function patternsOverlap(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === '*' || y === '*') return true;
    if (x === undefined || y === undefined) return x === y;
    if (x !== y && !isParam(x) && !isParam(y)) return false;
  }
}

/**
 * Every pair of routes of two different dialects that one request could reach (GET also answers
 * HEAD, so methods must match exactly). Checked over the whole registry at start-up, so no two
 * dialects can ever be enabled together on a tenant and fight over a path.
 */
export function findRouteCollisions(dialects: readonly Dialect[]): string[] {
  const routes = dialects.flatMap((d) => d.routes.map((r) => parse(d, r)));
  const collisions: string[] = [];
  for (const [i, a] of routes.entries()) {
    for (const b of routes.slice(i + 1)) {
      if (a.dialect !== b.dialect && a.method === b.method && patternsOverlap(a.segments, b.segments)) {
        collisions.push(`${a.dialect} "${a.text}" and ${b.dialect} "${b.text}"`);
      }
    }
  }
  return collisions;
}

/** Throws one error naming every colliding pair. */
export function assertNoRouteCollisions(dialects: readonly Dialect[]): void {
  const collisions = findRouteCollisions(dialects);
  if (collisions.length > 0) throw new Error(`dialect routes collide (one request could reach both):\n${collisions.map((c) => `  - ${c}`).join('\n')}`);
}
