import { constants, createECDH, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * Credential key pairs for the software authenticator, one per COSE algorithm, with their
 * COSE_Key encoding. Keys are derived from a seed wherever node:crypto allows (EC from a scalar,
 * EdDSA and ML-DSA from a PKCS#8 seed), so the same seed gives the same public key in every run.
 * RSA cannot be seeded; one key per (algorithm, seed) is generated per process and reused.
 */
export interface CredentialKey {
  readonly alg: number;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The COSE_Key bytes an authenticator would put in attested credential data. */
  readonly cose: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

interface Family {
  generate(seed: Buffer): KeyObject;
  coseMembers(jwk: Record<string, string>): [number, number | Uint8Array][];
  sign(key: KeyObject, data: Uint8Array): Uint8Array;
}

const b64 = (value: string | undefined): Uint8Array => new Uint8Array(Buffer.from(value ?? '', 'base64url'));

function ec(curve: string, crv: number, size: number, hash: string): Family {
  return {
    generate(seed) {
      const d = Buffer.concat([Buffer.alloc(size), seed]).subarray(-size);
      const ecdh = createECDH(curve);
      ecdh.setPrivateKey(d);
      const point = ecdh.getPublicKey();
      const jwkCurve = { 1: 'P-256', 2: 'P-384', 3: 'P-521' }[crv] as string;
      const part = (from: number) => point.subarray(from, from + size).toString('base64url');
      return createPrivateKey({ key: { kty: 'EC', crv: jwkCurve, d: d.toString('base64url'), x: part(1), y: part(1 + size) }, format: 'jwk' });
    },
    coseMembers: (jwk) => [[1, 2], [-1, crv], [-2, b64(jwk.x)], [-3, b64(jwk.y)]],
    sign: (key, data) => new Uint8Array(sign(hash, data, key)),
  };
}

function fromPkcs8Seed(prefixHex: string, length: number): (seed: Buffer) => KeyObject {
  return (seed) => createPrivateKey({ key: Buffer.concat([Buffer.from(prefixHex, 'hex'), seed.subarray(0, length)]), format: 'der', type: 'pkcs8' });
}

function okp(prefixHex: string, crv: number, length: number): Family {
  return {
    generate: fromPkcs8Seed(prefixHex, length),
    coseMembers: (jwk) => [[1, 1], [-1, crv], [-2, b64(jwk.x)]],
    sign: (key, data) => new Uint8Array(sign(null, data, key)),
  };
}

const rsaKeys = new Map<string, KeyObject>();
function rsa(hash: string, pss: boolean): Family {
  return {
    generate(seed) {
      const id = `${hash}:${pss}:${seed.toString('hex')}`;
      let key = rsaKeys.get(id);
      if (key === undefined) {
        key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        rsaKeys.set(id, key);
      }
      return key;
    },
    coseMembers: (jwk) => [[1, 3], [-1, b64(jwk.n)], [-2, b64(jwk.e)]],
    sign: (key, data) =>
      new Uint8Array(pss ? sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }) : sign(hash, data, key)),
  };
}

function mlDsa(oidLastByte: string): Family {
  return {
    // PKCS#8 "seed" form of FIPS 204 private keys: [0] IMPLICIT OCTET STRING (32 bytes).
    generate: fromPkcs8Seed(`3034020100300b06096086480165030403${oidLastByte}04228020`, 32),
    coseMembers: (jwk) => [[1, 7], [-1, b64(jwk.pub)]],
    sign: (key, data) => new Uint8Array(sign(null, data, key)),
  };
}

const FAMILIES = new Map<number, Family>([
  [-7, ec('prime256v1', 1, 32, 'sha256')],
  [-35, ec('secp384r1', 2, 48, 'sha384')],
  [-36, ec('secp521r1', 3, 66, 'sha512')],
  [-8, okp('302e020100300506032b657004220420', 6, 32)],
  [-19, okp('302e020100300506032b657004220420', 6, 32)],
  [-53, okp('3047020100300506032b6571043b0439', 7, 57)],
  [-257, rsa('sha256', false)],
  [-258, rsa('sha384', false)],
  [-259, rsa('sha512', false)],
  [-65535, rsa('sha1', false)],
  [-37, rsa('sha256', true)],
  [-38, rsa('sha384', true)],
  [-39, rsa('sha512', true)],
  [-48, mlDsa('11')],
  [-49, mlDsa('12')],
  [-50, mlDsa('13')],
]);

export const SOFTWARE_KEY_ALGORITHMS: readonly number[] = [...FAMILIES.keys()];

/** A key pair for COSE algorithm `alg`, derived from `seed`. */
export function createCredentialKey(alg: number, seed = 'sigil-authenticator'): CredentialKey {
  const family = FAMILIES.get(alg);
  if (family === undefined) throw new Error(`the software authenticator has no key type for COSE alg ${alg}`);
  const seedBytes = createHash('sha512').update(`${alg}:${seed}`).digest();
  const privateKey = family.generate(seedBytes);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const members = family.coseMembers(jwk);
  // kty first, then alg, then the key-type members: the order CTAP2 canonical CBOR gives.
  const [kty, ...rest] = members;
  const cose = isoCBOR.encode(new Map<number, number | Uint8Array>([kty as [number, number], [3, alg], ...rest]));
  return { alg, privateKey, publicKey, cose: new Uint8Array(cose), sign: (data) => family.sign(privateKey, data) };
}
