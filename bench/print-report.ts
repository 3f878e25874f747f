import type { CryptoBound } from './crypto-bound.ts';
import type { HttpFloor } from './http-floor.ts';
import type { LoadMeasurement } from './login-load.ts';

/** The issue's targets for one core at C=16. */
const TARGET = { loginsPerCore: 4000, serverMicrosPerLogin: 250, p99Ms: 10 };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');
const row = (label: string, value: string, note = ''): void => console.log(`${label.padEnd(34)} ${value.padStart(12)}  ${note}`);

export function printReport(input: { load: LoadMeasurement; peakRssKiB: number; crypto: CryptoBound; floor: HttpFloor; concurrency: number }): void {
  const { load, crypto, floor } = input;
  const perSecond = load.completed / load.wallSeconds;
  const serverMicros = load.serverCpuMicros / load.completed;
  const serverCores = load.serverCpuMicros / 1e6 / load.wallSeconds;
  const clientCores = load.clientCpuMicros / 1e6 / load.wallSeconds;
  const [p50, p99] = [percentile(load.latenciesMs, 50), percentile(load.latenciesMs, 99)];
  const cryptoMicros = crypto.verifyMicros + crypto.signMicros;

  row('complete logins', `${load.completed}`, `in ${load.wallSeconds.toFixed(2)} s, ${load.failed} failed`);
  row('throughput', `${perSecond.toFixed(0)} /s`);
  row('latency p50 (whole ceremony)', `${p50.toFixed(2)} ms`);
  row('latency p99 (whole ceremony)', `${p99.toFixed(2)} ms`, `${verdict(p99 < TARGET.p99Ms)} (< ${TARGET.p99Ms} ms at C=16)${input.concurrency === 16 ? '' : ` — measured at C=${input.concurrency}`}`);
  row('server CPU per login', `${serverMicros.toFixed(0)} µs`, `${verdict(serverMicros <= TARGET.serverMicrosPerLogin)} (≤ ${TARGET.serverMicrosPerLogin} µs)`);
  row('  → logins/s per server core', `${(1e6 / serverMicros).toFixed(0)} /s`, `(≥ ${TARGET.loginsPerCore})`);
  row('server CPU busy', `${(serverCores * 100).toFixed(0)} %`, 'of one core (utime+stime from /proc, all threads)');
  row('server peak RSS (VmHWM)', `${(input.peakRssKiB / 1024).toFixed(0)} MiB`);
  row('client CPU busy', `${(clientCores * 100).toFixed(0)} %`, clientCores > 0.9 ? 'of one core: the CLIENT is saturated; throughput is client-bound' : 'of one core: the client had headroom');
  const otherCores = Math.max(0, load.machineCpuMicros - load.serverCpuMicros - load.clientCpuMicros) / 1e6 / load.wallSeconds;
  row('other processes on the machine', `${(otherCores * 100).toFixed(0)} %`, otherCores > 0.1 ? 'of a core: THE MACHINE WAS SHARED — throughput and latency are understated; rerun when idle' : 'of a core: the machine was otherwise idle');
  console.log('');
  row('crypto-only bound, in-process', `${cryptoMicros.toFixed(0)} µs`, `verifyAssertion (cached key) ${crypto.verifyMicros.toFixed(0)} µs + ES256 JWT sign ${crypto.signMicros.toFixed(0)} µs`);
  row('  → logins/s per core', `${(1e6 / cryptoMicros).toFixed(0)} /s`, `the server spends ${(serverMicros / cryptoMicros).toFixed(1)}x that per login`);
  row('HTTP floor, bare node:http', `${floor.microsPerLogin.toFixed(0)} µs`, 'server CPU for the same two exchanges (same bodies, client, pinning), no framework');
  const floors = cryptoMicros + floor.microsPerLogin;
  row('  crypto + HTTP floor', `${floors.toFixed(0)} µs`, `${(1e6 / floors).toFixed(0)} logins/s per core at best on this machine${floors > TARGET.serverMicrosPerLogin ? ` — above the ${TARGET.serverMicrosPerLogin} µs target before Sigil does anything` : ''}`);
  row('  Sigil\'s own work', `${Math.max(0, serverMicros - floors).toFixed(0)} µs`, 'per login: Fastify, validation, storage, challenges, audit, rate limits, tokens');
}
