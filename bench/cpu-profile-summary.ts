/**
 * Summarizes V8 CPU profiles (`node --cpu-prof`): where the server's samples fell, by function
 * (self time), by package or source folder (self time), and the inclusive time of Sigil's own
 * functions. `node bench/cpu-profile-summary.ts <dir-or-file>`; login-bench calls it with --cpu-prof.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const repoRoot = new URL('../', import.meta.url).pathname;

function placeOf(url: string): string {
  if (url === '') return '(V8/native)';
  if (url.startsWith('node:')) return url.split('/')[0] === 'node:internal' ? `node:internal/${url.split('/')[1]}` : url;
  const path = url.replace('file://', '').replace(repoRoot, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] as string;
  return path.split('/').slice(0, 2).join('/');
}

const nameOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace('file://', '').replace(repoRoot, '')}:${n.callFrame.lineNumber + 1}`;

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function printTop(title: string, map: Map<string, number>, total: number, count: number): void {
  console.log(`\n${title}`);
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${((micros / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

export function summarizeCpuProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idle = [...byId.values()].filter((n) => n.callFrame.functionName === '(idle)').reduce((s, n) => s + (self.get(n.id) ?? 0), 0);
  const total = [...self.values()].reduce((a, b) => a + b, 0) - idle;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id) as ProfileNode;
    if (node.callFrame.functionName === '(idle)') continue;
    addTo(byFunction, nameOf(node), micros);
    addTo(byPlace, placeOf(node.callFrame.url) || node.callFrame.functionName, micros);
  }
  // Inclusive time of Sigil's functions: once per sample, however deep the recursion.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at) as ProfileNode;
      if (node.callFrame.url.includes(`${repoRoot}src/`)) seen.add(nameOf(node));
    }
    for (const key of seen) addTo(inclusive, key, profile.timeDeltas[i] ?? 0);
  });
  console.log(`busy samples: ${(total / 1000).toFixed(0)} ms (idle excluded)`);
  printTop('self time by package / source folder', byPlace, total, 15);
  printTop('self time by function', byFunction, total, 25);
  printTop("inclusive time of Sigil's functions", inclusive, total, 25);
}

export function summarizeCpuProfiles(path: string): void {
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(path, f)) : [path];
  for (const file of files) {
    console.log(`\n== CPU profile ${file}`);
    summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  }
}

if (import.meta.main) summarizeCpuProfiles(process.argv[2] ?? '.');
