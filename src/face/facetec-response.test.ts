import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDuplicateEnrollment, judgeFaceTecResponse } from './facetec-response.ts';

/** A FaceTec Server 9.x match answer, with the field set the REST API documents. */
function matchAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    additionalSessionData: { isAdditionalDataPartiallyIncomplete: false, platform: 'android', sessionID: 'session-1', userAgent: 'ua' },
    callData: { tid: 'tid-1', path: '/match-3d-3d', date: 'Nov 23, 2026 12:00:00 PM', epochSecond: 1795003200, requestMethod: 'POST' },
    error: false,
    externalDatabaseRefID: 'user-1',
    faceScanSecurityChecks: {
      auditTrailVerificationCheckSucceeded: true,
      faceScanLivenessCheckSucceeded: true,
      replayCheckSucceeded: true,
      sessionTokenCheckSucceeded: true,
    },
    matchLevel: 12,
    retryScreenEnumInt: 0,
    scanResultBlob: 'b3BhcXVl',
    serverInfo: { version: '9.6.0', type: 'Standard', mode: 'Production', notice: 'not for the public internet' },
    success: true,
    wasProcessed: true,
    ...overrides,
  };
}

describe('judgeFaceTecResponse', () => {
  it('passes a processed, successful answer with every check true', () => {
    assert.deepEqual(judgeFaceTecResponse(matchAnswer(), { kind: 'match', minMatchLevel: 10 }), {
      passed: true,
      reasons: [],
      matchLevel: 12,
      scanResultBlob: 'b3BhcXVl',
    });
    assert.deepEqual(judgeFaceTecResponse(matchAnswer(), { kind: 'liveness' }).matchLevel, null);
  });

  it('fails closed on missing or non-boolean check flags', () => {
    const reasons = (body: Record<string, unknown>): readonly string[] => judgeFaceTecResponse(body, { kind: 'liveness' }).reasons;
    assert.deepEqual(reasons(matchAnswer({ faceScanSecurityChecks: undefined })), [
      'liveness_failed',
      'audit_trail_mismatch',
      'replay_detected',
      'session_token_invalid',
    ]);
    const checks = { auditTrailVerificationCheckSucceeded: 'true', faceScanLivenessCheckSucceeded: 1, replayCheckSucceeded: true, sessionTokenCheckSucceeded: true };
    assert.deepEqual(reasons(matchAnswer({ faceScanSecurityChecks: checks })), ['liveness_failed', 'audit_trail_mismatch']);
    assert.deepEqual(reasons(matchAnswer({ wasProcessed: undefined })), ['not_processed']);
  });

  it('fails an unsuccessful answer even when every flag is true', () => {
    assert.deepEqual(judgeFaceTecResponse(matchAnswer({ success: false }), { kind: 'enroll' }).reasons, ['unsuccessful']);
  });

  it('fails a match whose level is missing, fractional or too low', () => {
    for (const matchLevel of [undefined, '12', 10.5, 9]) {
      const result = judgeFaceTecResponse(matchAnswer({ matchLevel }), { kind: 'match', minMatchLevel: 10 });
      assert.deepEqual(result.reasons, ['match_too_low'], String(matchLevel));
    }
  });

  it('reads error: true as a refused request, keeping the message for the log', () => {
    const result = judgeFaceTecResponse({ error: true, success: false, errorMessage: 'No entry found in the database.' }, { kind: 'match', minMatchLevel: 10 });
    assert.deepEqual(result, { passed: false, reasons: ['request_refused'], matchLevel: null, scanResultBlob: null, detail: 'No entry found in the database.' });
  });
});

describe('isDuplicateEnrollment', () => {
  it('recognises FaceTec’s duplicate-enrollment error', () => {
    assert.equal(isDuplicateEnrollment({ error: true, success: false, errorMessage: 'An enrollment already exists for this externalDatabaseRefID.' }), true);
    assert.equal(isDuplicateEnrollment({ error: false, success: false, errorMessage: 'An enrollment already exists for this externalDatabaseRefID.' }), false);
    assert.equal(isDuplicateEnrollment({ error: true, errorMessage: 'No entry found in the database.' }), false);
    assert.equal(isDuplicateEnrollment('An enrollment already exists'), false);
  });
});
