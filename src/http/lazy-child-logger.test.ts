import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { createLogger } from '../logger.ts';
import { lazyChildLogger } from './lazy-child-logger.ts';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
  const pinoLogger = createLogger(level, sink);
  let made = 0;
  // The parent as Fastify sees it, counting the children it is asked for.
  const parent = {
    get level() {
      return pinoLogger.level;
    },
    isLevelEnabled: (l: string) => pinoLogger.isLevelEnabled(l),
    child: (bindings: Record<string, unknown>, options?: object) => (made++, pinoLogger.child(bindings, options)),
  } as unknown as FastifyBaseLogger;
  return { parent, pinoLogger, lines, made: () => made };
}

describe('lazyChildLogger', () => {
  it('makes no child for calls below the level, and writes nothing', () => {
    const { parent, lines, made } = capture('warn');
    const log = lazyChildLogger(parent, { reqId: 'r-1' }, {});
    log.info({ a: 1 }, 'not written');
    log.debug('not written either');
    assert.equal(made(), 0);
    assert.deepEqual(lines, []);
    assert.equal(log.level, 'warn');
  });

  it('makes the child once, on the first call that writes, with the bindings and redaction of an eager one', () => {
    const { parent, lines, made } = capture('warn');
    const log = lazyChildLogger(parent, { reqId: 'r-2' }, {});
    log.warn({ user: { password: 'hunter2' }, n: 1 }, 'first');
    log.error('second');
    log.info('below the level, through the made child: still not written');
    assert.equal(made(), 1);
    assert.deepEqual(
      lines.map(({ reqId, msg, user, n }) => ({ reqId, msg, user, n })),
      [
        { reqId: 'r-2', msg: 'first', user: { password: '[redacted]' }, n: 1 },
        { reqId: 'r-2', msg: 'second', user: undefined, n: undefined },
      ],
    );
  });

  it('hands child() and a level change to the real child', () => {
    const { parent, pinoLogger, lines } = capture('warn');
    const log = lazyChildLogger(parent, { reqId: 'r-3' }, {});
    log.level = 'info';
    log.info('now written');
    log.child({ step: 'x' }).warn('nested');
    assert.deepEqual(
      lines.map(({ reqId, step, msg }) => ({ reqId, step, msg })),
      [
        { reqId: 'r-3', step: undefined, msg: 'now written' },
        { reqId: 'r-3', step: 'x', msg: 'nested' },
      ],
    );
    assert.equal(pinoLogger.level, 'warn', 'the parent keeps its level');
  });

  it('makes a route with its own level its child at once', () => {
    const { parent, made } = capture('warn');
    const log = lazyChildLogger(parent, { reqId: 'r-4' }, { level: 'debug' });
    assert.equal(made(), 1);
    assert.equal(log.level, 'debug');
  });
});
