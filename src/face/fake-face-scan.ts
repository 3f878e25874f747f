import type { FaceScan } from '../core/face/face-verifier.ts';

/**
 * The scripting convention of the fake FaceTec server. A fake scan's `faceScan` is the base64 of
 * UTF-8 text made of `;`-separated directives:
 *
 *   face=<label>        whose face this is (default `anyone`); enrollment remembers it, and a
 *                       match against the same label reports level 15, any other label 0
 *   level=<n>           report match level n instead (0–15)
 *   liveness-fail       faceScanLivenessCheckSucceeded: false
 *   audit-trail-fail    auditTrailVerificationCheckSucceeded: false
 *   replay              replayCheckSucceeded: false
 *   session-token-fail  sessionTokenCheckSucceeded: false
 *   unprocessed         wasProcessed: false
 *   slow=<ms>           answer only after ms milliseconds
 *   status=<code>       answer with this HTTP status and a plain-text body
 *   not-json            answer 200 with an HTML body
 *
 * e.g. `face=alice;replay`. Any other directive makes the server answer `error: true`.
 */
export interface FakeScanScript {
  readonly face: string;
  readonly level: number | null;
  readonly failures: readonly FakeScanFailure[];
  readonly slowMs: number;
  readonly status: number | null;
  readonly notJson: boolean;
}

export type FakeScanFailure = 'liveness-fail' | 'audit-trail-fail' | 'replay' | 'session-token-fail' | 'unprocessed';

const FAILURES: readonly string[] = ['liveness-fail', 'audit-trail-fail', 'replay', 'session-token-fail', 'unprocessed'];

/** Builds a FaceScan for the fake server from directives, e.g. `fakeFaceScan('face=alice;replay')`. */
export function fakeFaceScan(directives: string, userAgent = 'fake-facetec-sdk|test'): FaceScan {
  const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return {
    faceScan: encode(directives),
    auditTrailImage: encode('fake audit trail image'),
    lowQualityAuditTrailImage: encode('fake low quality audit trail image'),
    userAgent,
  };
}

/** Reads a fake scan's directives; returns an error message for text it does not understand. */
export function readFakeFaceScan(faceScan: string): FakeScanScript | string {
  const script = { face: 'anyone', level: null as number | null, failures: [] as FakeScanFailure[], slowMs: 0, status: null as number | null, notJson: false };
  const text = Buffer.from(faceScan, 'base64').toString('utf8');
  for (const directive of text.split(';').filter((part) => part !== '')) {
    const [name, value = ''] = directive.split('=', 2) as [string, string?];
    const number = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
    if (FAILURES.includes(directive)) script.failures.push(directive as FakeScanFailure);
    else if (directive === 'not-json') script.notJson = true;
    else if (name === 'face' && value !== '') script.face = value;
    else if (name === 'level' && number <= 15) script.level = number;
    else if (name === 'slow' && number >= 0) script.slowMs = number;
    else if (name === 'status' && number >= 100 && number <= 599) script.status = number;
    else return `fake FaceTec: unknown scan directive "${directive.slice(0, 40)}"`;
  }
  return script;
}
