import { DomainError } from '../core/errors.ts';
import type { FaceResult, FaceScan, FaceVerifier } from '../core/face/face-verifier.ts';
import { errorMessageOf, isDuplicateEnrollment, isRecord, judgeFaceTecResponse } from './facetec-response.ts';
import type { FaceTecVerdictRule } from './facetec-response.ts';

export interface FaceTecAdapterOptions {
  /** Base URL of the FaceTec Server, e.g. `http://facetec.internal:8080` (a path prefix is kept). */
  readonly baseUrl: string;
  /** Sent as `X-Device-Key` on every call. */
  readonly deviceKey: string;
  /** Deadline for one whole call, body included. Default 10 s. */
  readonly timeoutMs?: number;
  /** For tests that need another transport; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REF_LENGTH = 256;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;

/**
 * FaceVerifier over the FaceTec Server REST API (`/enrollment-3d`, `/match-3d-3d`,
 * `/liveness-3d`). Every failure to get a JSON answer — timeout, refused connection, non-2xx,
 * non-JSON — is `face_service_unavailable` with the reason in `detail`; a call never outlives
 * `timeoutMs`. Scans go to the server and nowhere else: no detail ever contains one.
 */
export class FaceTecAdapter implements FaceVerifier {
  readonly #baseUrl: string;
  readonly #deviceKey: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: FaceTecAdapterOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('FaceTec baseUrl must be http(s)');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TypeError('FaceTec timeoutMs must be a positive integer');
    this.#baseUrl = url.href.replace(/\/+$/, '');
    this.#deviceKey = options.deviceKey;
    this.#timeoutMs = timeoutMs;
    this.#fetch = options.fetch ?? fetch;
  }

  async enroll(ref: string, scan: FaceScan): Promise<FaceResult> {
    return this.#call('/enrollment-3d', scan, checkRef(ref), { kind: 'enroll' });
  }

  async match(ref: string, scan: FaceScan, minMatchLevel: number): Promise<FaceResult> {
    if (!Number.isInteger(minMatchLevel) || minMatchLevel < 0) {
      throw new DomainError('invalid_request', { detail: 'minMatchLevel must be a non-negative integer' });
    }
    return this.#call('/match-3d-3d', scan, checkRef(ref), { kind: 'match', minMatchLevel });
  }

  async liveness(scan: FaceScan): Promise<FaceResult> {
    return this.#call('/liveness-3d', scan, undefined, { kind: 'liveness' });
  }

  async #call(path: string, scan: FaceScan, ref: string | undefined, rule: FaceTecVerdictRule): Promise<FaceResult> {
    checkScan(scan);
    const payload = {
      ...(ref === undefined ? {} : { externalDatabaseRefID: ref }),
      faceScan: scan.faceScan,
      auditTrailImage: scan.auditTrailImage,
      lowQualityAuditTrailImage: scan.lowQualityAuditTrailImage,
    };
    let status: number;
    let text: string;
    try {
      const response = await this.#fetch(this.#baseUrl + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Device-Key': this.#deviceKey, 'X-User-Agent': scan.userAgent },
        body: JSON.stringify(payload),
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      throw unavailable(`${path}: ${describeFailure(cause, this.#timeoutMs)}`, cause);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw unavailable(`${path}: HTTP ${status} with a body that is not JSON`);
    }
    if (rule.kind === 'enroll' && isDuplicateEnrollment(body)) {
      throw new DomainError('face_already_registered', { detail: `${path}: ${errorMessageOf(body)}` });
    }
    if (status < 200 || status > 299) throw unavailable(`${path}: HTTP ${status}: ${errorMessageOf(body)}`);
    if (!isRecord(body)) throw unavailable(`${path}: answer is not a JSON object`);
    return judgeFaceTecResponse(body, rule);
  }
}

function unavailable(detail: string, cause?: unknown): DomainError {
  return new DomainError('face_service_unavailable', { detail: `FaceTec ${detail}`, ...(cause === undefined ? {} : { cause }) });
}

function describeFailure(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && cause.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = cause instanceof Error && isRecord(cause.cause) ? cause.cause['code'] : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return typeof code === 'string' ? `${message} (${code})` : message;
}

function checkRef(ref: string): string {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_REF_LENGTH) {
    throw new DomainError('invalid_request', { detail: `face reference must be 1–${MAX_REF_LENGTH} characters` });
  }
  return ref;
}

function checkScan(scan: FaceScan): void {
  for (const field of ['faceScan', 'auditTrailImage', 'lowQualityAuditTrailImage', 'userAgent'] as const) {
    if (typeof scan[field] !== 'string' || scan[field].length === 0) {
      throw new DomainError('invalid_request', { detail: `face scan field ${field} must be a non-empty string` });
    }
  }
  // It travels as a header: control characters or code points past U+00FF would make fetch throw.
  if (!HEADER_VALUE.test(scan.userAgent)) {
    throw new DomainError('invalid_request', { detail: 'face scan userAgent is not a valid header value' });
  }
}
