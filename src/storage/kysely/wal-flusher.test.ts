import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startWalFlusher } from './wal-flusher.ts';

/** How many of this process's descriptors name `file` (Linux: /proc/self/fd). */
const descriptorsOn = (file: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed meanwhile (the directory's own descriptor, say)
    }
  }).length;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startWalFlusher', { skip: process.platform !== 'linux' ? 'reads /proc/self/fd' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-wal-flusher-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for the file to exist, then holds one descriptor on it, and closes it when stopped', async () => {
    const wal = join(dir, 'a.db-wal');
    const flusher = startWalFlusher(wal, 5);
    await settle(30);
    assert.equal(descriptorsOn(wal), 0, 'no file yet: nothing opened');
    writeFileSync(wal, 'frames');
    await settle(30);
    assert.equal(descriptorsOn(wal), 1, 'opened once, kept between flushes');
    flusher.stop();
    await settle(30);
    assert.equal(descriptorsOn(wal), 0, 'closed when stopped');
  });

  it('stopped before the file ever existed, opens nothing', async () => {
    const wal = join(dir, 'b.db-wal');
    startWalFlusher(wal, 5).stop();
    writeFileSync(wal, 'frames');
    await settle(30);
    assert.equal(descriptorsOn(wal), 0);
  });
});
