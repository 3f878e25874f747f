/**
 * The FIDO Alliance server conformance case list (test/vectors/fido-conformance-server,
 * 173 cases), walked over HTTP against the native API: every case is either run as a scenario
 * built with the software authenticator (P-cases must answer 200 `{status:"ok"}`, F-cases a
 * 4xx `{status:"failed"}` with the message of the expected refusal) or listed in
 * not-covered.ts with the reason. A case added to the list that is neither fails the walk.
 * docs/conformance.md explains the settings and the choices.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { vectorsDir } from '../../src/testing/vectors-dir.ts';
import { assertionAuthenticatorData } from './cases/assertion-authenticator-data.ts';
import { assertionClientData } from './cases/assertion-client-data.ts';
import { assertionStructure } from './cases/assertion-structure.ts';
import { attestationAlgorithms } from './cases/attestation-algorithms.ts';
import { attestationClientData } from './cases/attestation-client-data.ts';
import { attestationObject } from './cases/attestation-object.ts';
import { attestationStructure } from './cases/attestation-structure.ts';
import { getAssertionRequest } from './cases/get-assertion-request.ts';
import { makeCredentialRequest } from './cases/make-credential-request.ts';
import { metadataService } from './cases/metadata-service.ts';
import { packedFull } from './cases/packed-full.ts';
import { fidoU2f, noneAttestation, packedSelf } from './cases/self-none-u2f.ts';
import { NOT_COVERED } from './not-covered.ts';
import { caseKey, keyOf, messageOf } from './support/case-table.ts';
import type { FidoCase, Scenario } from './support/case-table.ts';
import { ConformancePki } from './support/conformance-pki.ts';
import { startConformanceServer } from './support/conformance-server.ts';
import type { ConformanceServer } from './support/conformance-server.ts';

const CASE_LIST = join(vectorsDir('fido-conformance-server'), 'server-test-cases.json');
const list = JSON.parse(readFileSync(CASE_LIST, 'utf8')) as { count: number; cases: FidoCase[] };

const GROUPS = [
  makeCredentialRequest,
  attestationStructure,
  attestationClientData,
  attestationObject,
  attestationAlgorithms,
  packedFull,
  packedSelf,
  noneAttestation,
  fidoU2f,
  getAssertionRequest,
  assertionStructure,
  assertionClientData,
  assertionAuthenticatorData,
  metadataService,
];

const scenarios = new Map<string, Scenario>(GROUPS.flatMap((g) => Object.entries(g.cases).map(([name, s]) => [caseKey(g.section, g.group, name), s] as const)));
const notCovered = new Map<string, string>(NOT_COVERED.flatMap((n) => n.cases.map((name) => [caseKey(n.section, n.group, name), n.reason] as const)));

describe('FIDO server case list: every case run or explained', () => {
  it('reads the 173 cases of the list, each with a unique section, group and case name', () => {
    assert.equal(list.cases.length, list.count);
    assert.equal(list.count, 173);
    assert.equal(new Set(list.cases.map(keyOf)).size, list.cases.length);
  });

  it('runs or lists every case, exactly once, and names no case the list lacks', () => {
    const known = new Set(list.cases.map(keyOf));
    const neither = list.cases.map(keyOf).filter((key) => !scenarios.has(key) && !notCovered.has(key));
    const both = [...scenarios.keys()].filter((key) => notCovered.has(key));
    const unknown = [...scenarios.keys(), ...notCovered.keys()].filter((key) => !known.has(key));
    assert.deepEqual({ neither, both, unknown }, { neither: [], both: [], unknown: [] });
  });

  it('expects a refusal code exactly for the error cases', () => {
    const mismatched = list.cases.filter((c) => scenarios.has(keyOf(c)) && (c.expect === 'error') !== (scenarios.get(keyOf(c))?.refusedAs !== undefined));
    assert.deepEqual(mismatched.map(keyOf), []);
  });

  it('gives a reason for each case it does not run (153 run, 20 not)', (t) => {
    for (const [key, reason] of notCovered) {
      assert.ok(reason.length > 40, key);
      t.diagnostic(`not covered: ${key}`);
    }
    assert.deepEqual([scenarios.size, notCovered.size], [153, 20]);
  });
});

describe('FIDO server cases over HTTP (native API, tenant configured as for the conformance tool)', () => {
  let server: ConformanceServer;
  before(async () => {
    server = await startConformanceServer(new ConformancePki());
  });
  after(() => server.close());

  for (const c of list.cases) {
    const scenario = scenarios.get(keyOf(c));
    if (scenario === undefined) continue;
    it(`${c.section}: ${c.id} — ${scenario.how}`, async () => {
      const reply = await scenario.run(server);
      const shown = `${reply.status} ${JSON.stringify(reply.body)}`;
      if (scenario.refusedAs === undefined) {
        assert.equal(reply.status, 200, shown);
        assert.deepEqual([reply.body.status, reply.body.errorMessage], ['ok', ''], shown);
      } else {
        assert.ok(reply.status >= 400 && reply.status < 500, shown);
        assert.deepEqual(reply.body, { status: 'failed', errorMessage: messageOf(scenario.refusedAs) }, shown);
      }
    });
  }
});
