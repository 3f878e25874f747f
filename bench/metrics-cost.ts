// What metrics cost a login, measured in one process so both sides share the machine's noise:
// two Sigils on SQLite (metrics off; METRICS_TOKEN set), complete logins through app.inject
// (options → software authenticator → result), rounds alternating between the two. Only the
// server's part is timed: the CPU of the two inject calls, not the authenticator's signature.
//   node bench/metrics-cost.ts [rounds] [logins per round]
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.ts';
import { SoftwareAuthenticator } from '../src/testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../src/testing/test-services.ts';
import { systemClock } from '../src/crypto/system.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';
const rounds = Number(process.argv[2] ?? 12);
const perRound = Number(process.argv[3] ?? 300);

interface Side { name: string; s: TestServices; app: FastifyInstance; users: { name: string; key: SoftwareAuthenticator }[]; samples: number[] }

async function side(name: string, env: Record<string, string>): Promise<Side> {
  const s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, RATE_LIMIT_PER_IP: '100000000', RATE_LIMIT_PER_ACCOUNT: '100000000', ...env } });
  const app = await buildApp({ ...s, core: { ...s.core, clock: systemClock } });
  const users = [];
  for (let i = 0; i < 50; i++) {
    const key = new SoftwareAuthenticator({ seed: `${name}-${i}` });
    const o = (await app.inject({ method: 'POST', url: '/attestation/options', payload: { username: `u${i}` } })).json() as { challenge: string; session: string };
    const r = await app.inject({ method: 'POST', url: '/attestation/result', payload: { ...key.register({ challenge: o.challenge, rpId: RP_ID, origin: ORIGIN }), session: o.session } });
    if (r.statusCode !== 200) throw new Error(r.body);
    users.push({ name: `u${i}`, key });
  }
  return { name, s, app, users, samples: [] };
}

async function round(x: Side): Promise<void> {
  let cpu = 0;
  for (let i = 0; i < perRound; i++) {
    const user = x.users[i % x.users.length]!;
    let t = process.cpuUsage();
    const o = (await x.app.inject({ method: 'POST', url: '/assertion/options', payload: { username: user.name } })).json() as { challenge: string; session: string };
    let d = process.cpuUsage(t);
    cpu += d.user + d.system;
    const assertion = user.key.authenticate({ challenge: o.challenge, rpId: RP_ID, origin: ORIGIN });
    t = process.cpuUsage();
    const r = await x.app.inject({ method: 'POST', url: '/assertion/result', payload: { ...assertion, session: o.session } });
    d = process.cpuUsage(t);
    cpu += d.user + d.system;
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  x.samples.push(cpu / perRound);
}

const off = await side('off', {});
const on = await side('on', { METRICS_TOKEN: 'bench-metrics-token-0123456789abcdefghij' });
await round(off);
await round(on);
off.samples.length = 0;
on.samples.length = 0;
for (let i = 0; i < rounds; i++) {
  const [a, b] = i % 2 === 0 ? [off, on] : [on, off];
  await round(a);
  await round(b);
}
const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)] ?? 0;
const pairs = off.samples.map((o, i) => ((on.samples[i] ?? 0) - o) / o);
console.log(`server CPU per login (µs), ${rounds} rounds of ${perRound}: off median ${median(off.samples).toFixed(0)}, on median ${median(on.samples).toFixed(0)}`);
console.log(`metrics cost per round pair: median ${(median(pairs) * 100).toFixed(1)} %  [${pairs.map((p) => (p * 100).toFixed(1)).join(', ')}]`);
for (const x of [off, on]) {
  await x.app.close();
  await x.s.dispose();
}
