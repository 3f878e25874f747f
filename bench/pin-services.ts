import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Server processes of a kind, by their command name (/proc/<pid>/comm). */
function pidsNamed(names: readonly string[]): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return names.includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

/** The cores a process may run on, as taskset prints them (`0,1`, `0-3`). */
function affinityOf(pid: number): string | null {
  try {
    return execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' }).trim().split(': ')[1] ?? null;
  } catch {
    return null;
  }
}

function setAffinity(pid: number, cores: string): void {
  try {
    execFileSync('taskset', ['-a', '-cp', cores, String(pid)], { stdio: 'ignore' });
  } catch {
    // the process ended, or is not ours to move: it stays where the scheduler puts it
  }
}

export interface PinnedServices {
  /** What was moved, for the report: `PostgreSQL (7 processes), Redis (1)`. */
  readonly description: string;
  restore(): void;
}

/**
 * Moves the local PostgreSQL and Redis servers (every process and thread of theirs) onto `core`
 * for the run, and back to the cores they had afterwards. The bench gives Sigil core 0 and the
 * client core 1; left alone, the scheduler wakes PostgreSQL and Redis on whichever core woke them,
 * which is usually Sigil's, so Sigil's rounds measured the services' work as well as its own. In a
 * deployment they run on hosts of their own. PostgreSQL's new connections are forked from its
 * postmaster and take its cores.
 */
export function pinServices(core: number, which: { postgres: boolean; redis: boolean }): PinnedServices {
  const groups = [
    ...(which.postgres ? [{ name: 'PostgreSQL', pids: pidsNamed(['postgres', 'postmaster']) }] : []),
    ...(which.redis ? [{ name: 'Redis', pids: pidsNamed(['redis-server']) }] : []),
  ];
  const before = groups.flatMap((g) => g.pids.map((pid) => ({ pid, cores: affinityOf(pid) })));
  for (const { pid } of before) setAffinity(pid, String(core));
  return {
    description: groups.map((g) => `${g.name} (${g.pids.length} process${g.pids.length === 1 ? '' : 'es'})`).join(', '),
    restore() {
      for (const { pid, cores } of before) if (cores !== null) setAffinity(pid, cores);
    },
  };
}
