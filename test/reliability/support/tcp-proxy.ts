import { createServer, connect, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'reset' | 'stall';

export interface TcpProxy {
  readonly port: number;
  /**
   * `pass`: bytes flow. `reset`: every open connection is closed at once and new ones are
   * closed on arrival (a restart, a failover). `stall`: connections are accepted and bytes are swallowed in
   * both directions (a stalled primary, a partition); back to `pass`, the stalled connections are
   * dropped, as a partition's would be by the time it heals.
   */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/** A small TCP proxy in front of PostgreSQL or Redis, on 127.0.0.1 and a free port. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const pairs = new Set<{ client: Socket; upstream: Socket; stalled: boolean }>();

  const server = createServer((client) => {
    if (mode === 'reset') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream, stalled: mode === 'stall' };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        if (mode === 'stall') pair.stalled = true;
        if (!pair.stalled) to.write(chunk);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy did not get a port');

  return {
    port: address.port,
    setMode(next) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next === 'reset' || (next === 'pass' && pair.stalled)) {
          pairs.delete(pair);
          // Closed at once, unread and unwritten data dropped: what the client sees of a restart.
          // (Not resetAndDestroy(): on a socket already ending, Node 24 then never finishes exiting.)
          pair.client.destroy();
          pair.upstream.destroy();
        }
        if (next === 'stall') pair.stalled = true;
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
