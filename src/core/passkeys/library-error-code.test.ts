import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../errors.ts';
import { fromLibraryError, LIBRARY_MESSAGE_CODES, libraryErrorCode } from './library-error-code.ts';

/** Every JavaScript file of the installed SimpleWebAuthn server package, as one text. */
function librarySource(): string {
  const root = dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/server')));
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
  return files.map((name) => readFileSync(join(root, name), 'utf8')).join('\n');
}

describe('libraryErrorCode', () => {
  const source = librarySource();

  for (const [fragment, code] of LIBRARY_MESSAGE_CODES) {
    it(`"${fragment}" is text the pinned library produces, and maps to ${code}`, () => {
      // Fails when an upgrade rewords the message: the mapping would silently fall through.
      assert.ok(source.includes(fragment), `the installed @simplewebauthn/server no longer says "${fragment}"`);
      assert.equal(libraryErrorCode(`prefix ${fragment} suffix`), code);
    });
  }

  it('an unknown message is attestation_invalid', () => {
    assert.equal(libraryErrorCode('Signature did not verify (Packed)'), 'attestation_invalid');
  });

  it('the first matching fragment wins, and matching is case-sensitive', () => {
    assert.equal(libraryErrorCode('Unexpected registration response origin "x"'), 'origin_mismatch');
    assert.equal(libraryErrorCode('unexpected rp id hash'), 'attestation_invalid');
  });

  it('fromLibraryError keeps the message for the log and reads a coded error', () => {
    const coded = Object.assign(new Error("This runtime's WebCrypto.subtle does not support use of ML-DSA-44"), { name: 'SimpleWebAuthnError', code: 'RUNTIME_NO_PQC_SUPPORT' });
    const wrapped = fromLibraryError(coded);
    assert.equal(wrapped.code, 'unsupported_algorithm');
    assert.equal(wrapped.detail, "library: SimpleWebAuthnError: This runtime's WebCrypto.subtle does not support use of ML-DSA-44");
    const own = new DomainError('origin_mismatch');
    assert.equal(fromLibraryError(own), own);
  });
});
