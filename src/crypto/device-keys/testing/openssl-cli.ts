/**
 * Test helper: keys and signatures made by the `openssl` command line, an implementation
 * independent of the one Node links, so the device-key tests do not only check Node against
 * itself. Every call works in a fresh temporary directory, removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function isOpensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs `openssl` steps in a scratch directory seeded with `files`; returns the files read back. */
export function runOpenssl(
  steps: readonly (readonly string[])[],
  files: Readonly<Record<string, Uint8Array | string>> = {},
  read: readonly string[] = [],
): Record<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-openssl-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    for (const args of steps) execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    return Object.fromEntries(read.map((name) => [name, readFileSync(join(dir, name))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Generates a private key in PEM: `ec:<curve>`, `ed25519`, `x25519`, `ed448` or `rsa`. */
export function opensslPrivateKey(kind: string): string {
  const steps = kind.startsWith('ec:')
    ? [['ecparam', '-name', kind.slice(3), '-genkey', '-noout', '-out', 'key.pem']]
    : [['genpkey', '-algorithm', kind === 'rsa' ? 'RSA' : kind, '-out', 'key.pem']];
  return (runOpenssl(steps, {}, ['key.pem'])['key.pem'] as Buffer).toString('utf8');
}

/** The public key of `privatePem` as SPKI: DER bytes and PEM text. Extra args go to `openssl ec`. */
export function opensslPublicKey(privatePem: string, ecArgs: readonly string[] = []): { der: Buffer; pem: string } {
  const tool = ecArgs.length > 0 ? 'ec' : 'pkey';
  const out = runOpenssl(
    [
      [tool, '-in', 'key.pem', '-pubout', '-outform', 'DER', '-out', 'pub.der', ...ecArgs],
      [tool, '-in', 'key.pem', '-pubout', '-out', 'pub.pem', ...ecArgs],
    ],
    { 'key.pem': privatePem },
    ['pub.der', 'pub.pem'],
  );
  return { der: out['pub.der'] as Buffer, pem: (out['pub.pem'] as Buffer).toString('utf8') };
}

/** `openssl dgst -sha256 -sign`: a DER ECDSA signature over SHA-256 of `message`. */
export function opensslEcdsaSign(privatePem: string, message: Uint8Array): Buffer {
  const steps = [['dgst', '-sha256', '-sign', 'key.pem', '-out', 'sig.der', 'msg.bin']];
  return runOpenssl(steps, { 'key.pem': privatePem, 'msg.bin': message }, ['sig.der'])['sig.der'] as Buffer;
}

/** `openssl pkeyutl -sign -rawin`: a PureEdDSA Ed25519 signature over `message`. */
export function opensslEd25519Sign(privatePem: string, message: Uint8Array): Buffer {
  const steps = [['pkeyutl', '-sign', '-rawin', '-inkey', 'key.pem', '-in', 'msg.bin', '-out', 'sig.bin']];
  return runOpenssl(steps, { 'key.pem': privatePem, 'msg.bin': message }, ['sig.bin'])['sig.bin'] as Buffer;
}

/** DER ECDSA signature → raw `r || s`, using `openssl asn1parse` to read the two integers. */
export function opensslDerToRaw(der: Uint8Array): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-openssl-'));
  try {
    writeFileSync(join(dir, 'sig.der'), der);
    const listing = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', 'sig.der'], { cwd: dir, encoding: 'utf8' });
    const integers = [...listing.matchAll(/INTEGER\s+:([0-9A-F]+)/g)].map((m) => (m[1] as string).padStart(64, '0'));
    if (integers.length !== 2) throw new Error(`asn1parse found ${integers.length} integers`);
    return Buffer.from(integers.join(''), 'hex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
