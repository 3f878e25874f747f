import { close, fdatasync, open } from 'node:fs';

export interface WalFlusher {
  stop(): void;
}

/**
 * Writes the WAL file's pages to disk in the background, every `intervalMs`, on libuv's thread
 * pool. Sigil's SQLite commits do not wait for the disk (WAL, `synchronous = NORMAL`); the
 * checkpoint that copies the WAL back into the database every ~1000 pages must, and it runs on
 * the event loop, inside a commit: its fsync of the WAL then waited for everything written since
 * the last one (~3.5 ms measured at full load on these machines, stalling every request in
 * flight — most of the bench's p99). Flushed meanwhile, the WAL leaves that fsync little to do.
 * This only adds flushes: what is durable, and when, is unchanged. The file is opened when it
 * first exists (SQLite creates it at the first transaction); a flush that fails is tried again
 * at the next tick.
 */
export function startWalFlusher(walFile: string, intervalMs: number): WalFlusher {
  let fd: number | null = null;
  let busy = false;
  let stopped = false;
  const done = (): void => {
    busy = false;
    if (stopped && fd !== null) {
      close(fd, () => undefined);
      fd = null;
    }
  };
  const tick = (): void => {
    if (busy || stopped) return;
    busy = true;
    if (fd !== null) {
      fdatasync(fd, done);
      return;
    }
    open(walFile, 'r', (error, opened) => {
      if (error === null) fd = opened;
      if (error === null && !stopped) fdatasync(opened, done);
      else done();
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      // A flush in flight still uses the descriptor: it is closed when that flush ends.
      if (!busy) done();
    },
  };
}
