/**
 * Answer bodies of the fake FaceTec server, shaped like FaceTec Server 9.x answers (field names
 * from the FaceTec REST API; values made up). Kept apart from the HTTP plumbing.
 */
import type { FakeScanScript } from './fake-face-scan.ts';

export interface CallContext {
  readonly path: string;
  readonly tid: string;
  readonly nowMs: number;
  readonly userAgent: string;
}

export const SERVER_INFO = {
  version: '9.7.0-fake',
  type: 'Fake',
  mode: 'Development Only',
  notice: 'Sigil fake FaceTec server: for development and tests only, never reachable from the internet.',
};

function common(context: CallContext): Record<string, unknown> {
  return {
    additionalSessionData: {
      isAdditionalDataPartiallyIncomplete: true,
      platform: 'fake',
      appID: 'sigil.fake',
      installationID: 'fake-installation',
      deviceModel: 'fake',
      deviceSDKVersion: '9.7.0',
      sessionID: context.tid,
      userAgent: context.userAgent,
      ipAddress: '127.0.0.1',
    },
    callData: {
      tid: context.tid,
      path: context.path,
      date: new Date(context.nowMs).toUTCString(),
      epochSecond: Math.floor(context.nowMs / 1000),
      requestMethod: 'POST',
    },
    serverInfo: SERVER_INFO,
  };
}

/** The answer to a processed scan; `success` only when it was processed and every check passed. */
export function scanAnswer(context: CallContext, script: FakeScanScript, extra: Record<string, unknown>): Record<string, unknown> {
  const failed = (name: string): boolean => (script.failures as readonly string[]).includes(name);
  const faceScanSecurityChecks = {
    auditTrailVerificationCheckSucceeded: !failed('audit-trail-fail'),
    faceScanLivenessCheckSucceeded: !failed('liveness-fail'),
    replayCheckSucceeded: !failed('replay'),
    sessionTokenCheckSucceeded: !failed('session-token-fail'),
  };
  const wasProcessed = !failed('unprocessed');
  return {
    ...common(context),
    success: wasProcessed && Object.values(faceScanSecurityChecks).every(Boolean),
    wasProcessed,
    error: false,
    faceScanSecurityChecks,
    retryScreenEnumInt: 0,
    ageV2GroupEnumInt: -1,
    scanResultBlob: Buffer.from(`fake-scan-result:${context.tid}`).toString('base64'),
    ...extra,
  };
}

/** FaceTec's refusal shape: `error: true` with a message, no verdict. */
export function errorAnswer(context: CallContext | null, errorMessage: string): Record<string, unknown> {
  return { ...(context === null ? { serverInfo: SERVER_INFO } : common(context)), error: true, success: false, errorMessage };
}

export const DUPLICATE_ENROLLMENT_MESSAGE = 'An enrollment already exists for this externalDatabaseRefID.';
export const NO_ENROLLMENT_MESSAGE = 'No entry found in the database for this externalDatabaseRefID.';
