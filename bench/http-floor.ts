import { spawn } from 'node:child_process';
import { createKeepAliveClient } from './keep-alive-client.ts';
import type { LoginExchange } from './login-load.ts';
import { hasTaskset, processCpuMicros } from './proc-stats.ts';

export interface HttpFloor {
  /** Server CPU µs per login's two requests on plain node:http. */
  readonly microsPerLogin: number;
}

export interface HttpFloorServer {
  /** Drives the bare server for `warmupMs`, then measures it for `durationMs`. */
  measure(options: { warmupMs: number; durationMs: number }): Promise<HttpFloor>;
  stop(): void;
}

/**
 * What two HTTP exchanges cost a bare node:http server on this machine, pinned like Sigil's
 * server and driven by the same client at the same concurrency with a real login's bodies and
 * replies (socket reads and writes, HTTP parsing, JSON parsing). No Node server can answer a
 * login for less; Sigil's own work is what its server spends above this floor and the crypto.
 * The server is started once and measured in each round, alternating with the two servers.
 */
export async function startHttpFloor(exchange: LoginExchange, options: { port: number; concurrency: number }): Promise<HttpFloorServer> {
  const script = new URL('./bare-http-server.ts', import.meta.url).pathname;
  const [command, args] = hasTaskset() ? ['taskset', ['-c', '0', process.execPath, script]] : [process.execPath, [script]];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', PORT: String(options.port), FLOOR_REPLIES: JSON.stringify({ '/assertion/options': exchange.optionsReply, '/assertion/result': exchange.resultReply }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`bare HTTP server exited (${code})`)));
  });
  const client = createKeepAliveClient(`http://127.0.0.1:${options.port}`, options.concurrency);
  return {
    async measure({ warmupMs, durationMs }) {
      let phase: 'warmup' | 'measuring' | 'done' = 'warmup';
      let logins = 0;
      const worker = async (): Promise<void> => {
        while (phase !== 'done') {
          await client.post('/assertion/options', exchange.optionsBody);
          await client.post('/assertion/result', exchange.resultBody);
          if (phase === 'measuring') logins++;
        }
      };
      const workers = Promise.all(Array.from({ length: options.concurrency }, worker));
      await new Promise((r) => setTimeout(r, warmupMs));
      const start = processCpuMicros(child.pid as number);
      phase = 'measuring';
      await new Promise((r) => setTimeout(r, durationMs));
      const used = processCpuMicros(child.pid as number) - start;
      const counted = logins;
      phase = 'done';
      await workers;
      return { microsPerLogin: used / counted };
    },
    stop() {
      client.close();
      child.kill('SIGTERM');
    },
  };
}
