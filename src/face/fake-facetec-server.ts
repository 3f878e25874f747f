import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFakeFaceScan } from './fake-face-scan.ts';
import type { FakeScanScript } from './fake-face-scan.ts';
import { DUPLICATE_ENROLLMENT_MESSAGE, NO_ENROLLMENT_MESSAGE, SERVER_INFO, errorAnswer, scanAnswer } from './fake-facetec-responses.ts';
import type { CallContext } from './fake-facetec-responses.ts';

export interface FakeFaceTecOptions {
  /** The `X-Device-Key` the fake expects. Default `fake-facetec-device-key`. */
  readonly deviceKey?: string;
  /** Clock for `callData`; defaults to Date.now. */
  readonly now?: () => number;
}

/** A request as the fake saw it, images left out. */
export interface FakeFaceTecRequest {
  readonly method: string;
  readonly path: string;
  readonly deviceKey: string | null;
  readonly userAgent: string | null;
  readonly externalDatabaseRefID: string | null;
}

export interface FakeFaceTec {
  readonly url: string;
  readonly deviceKey: string;
  /** Enrolled references and the face label each was enrolled with. */
  readonly enrollments: Map<string, string>;
  readonly requests: readonly FakeFaceTecRequest[];
  /** Stops listening, drops open connections and pending slow answers. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const SCAN_PATHS = new Set(['/enrollment-3d', '/match-3d-3d', '/liveness-3d']);

/**
 * A FaceTec-compatible server for development and tests, on 127.0.0.1 and an ephemeral port.
 * Outcomes are scripted by the scan itself (see `fake-face-scan.ts`). A wrong `X-Device-Key`
 * gets HTTP 401 with FaceTec's error shape — an assumption: the real server's answer to a bad
 * key is not documented in our sources.
 */
export async function startFakeFaceTec(options: FakeFaceTecOptions = {}): Promise<FakeFaceTec> {
  const deviceKey = options.deviceKey ?? 'fake-facetec-device-key';
  const now = options.now ?? Date.now;
  const enrollments = new Map<string, string>();
  const requests: FakeFaceTecRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, body: unknown, delayMs = 0): void => {
    const write = (): void => {
      if (res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json' }).end(text);
    };
    if (delayMs === 0) return write();
    const timer = setTimeout(() => (timers.delete(timer), write()), delayMs);
    timers.add(timer);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = req.method === 'POST' ? await readJson(req) : {};
    const header = (name: string): string | null => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
    const ref = typeof body?.['externalDatabaseRefID'] === 'string' ? body['externalDatabaseRefID'] : null;
    requests.push({ method: req.method ?? '', path, deviceKey: header('x-device-key'), userAgent: header('x-user-agent'), externalDatabaseRefID: ref });
    const context: CallContext = { path, tid: randomUUID(), nowMs: now(), userAgent: header('x-user-agent') ?? '' };

    if (header('x-device-key') !== deviceKey) return send(res, 401, errorAnswer(null, 'Invalid or missing X-Device-Key.'));
    if (req.method === 'GET' && path === '/session-token') return send(res, 200, { ...scanless(context), sessionToken: randomUUID() });
    if (req.method === 'GET' && path === '/status') return send(res, 200, { ...scanless(context), running: true });
    if (req.method !== 'POST' || !SCAN_PATHS.has(path)) return send(res, 404, errorAnswer(context, `No such endpoint: ${req.method} ${path}`));
    if (body === null) return send(res, 400, errorAnswer(context, 'Request body is not a JSON object.'));
    if (context.userAgent === '') return send(res, 200, errorAnswer(context, 'Missing X-User-Agent header.'));
    const missing = ['faceScan', 'auditTrailImage', 'lowQualityAuditTrailImage'].find((field) => typeof body[field] !== 'string');
    if (missing !== undefined || (path !== '/liveness-3d' && ref === null)) {
      return send(res, 400, errorAnswer(context, `Missing or invalid ${missing ?? 'externalDatabaseRefID'}.`));
    }
    const script = readFakeFaceScan(body['faceScan'] as string);
    if (typeof script === 'string') return send(res, 200, errorAnswer(context, script));
    if (script.status !== null) return send(res, script.status, 'fake FaceTec: scripted status', script.slowMs);
    if (script.notJson) return send(res, 200, '<html><body>fake FaceTec: scripted non-JSON</body></html>', script.slowMs);
    send(res, 200, answerScan(path, ref ?? '', script, context, enrollments), script.slowMs);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, errorAnswer(null, 'fake FaceTec: internal error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    deviceKey,
    enrollments,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answerScan(path: string, ref: string, script: FakeScanScript, context: CallContext, enrollments: Map<string, string>): unknown {
  if (path === '/liveness-3d') return scanAnswer(context, script, {});
  if (path === '/enrollment-3d') {
    if (enrollments.has(ref)) return errorAnswer(context, DUPLICATE_ENROLLMENT_MESSAGE);
    const answer = scanAnswer(context, script, { externalDatabaseRefID: ref });
    if (answer['success'] === true) enrollments.set(ref, script.face);
    return answer;
  }
  const enrolledFace = enrollments.get(ref);
  if (enrolledFace === undefined) return errorAnswer(context, NO_ENROLLMENT_MESSAGE);
  const matchLevel = script.level ?? (enrolledFace === script.face ? 15 : 0);
  return scanAnswer(context, script, { externalDatabaseRefID: ref, matchLevel });
}

function scanless(context: CallContext): Record<string, unknown> {
  return { success: true, error: false, serverInfo: SERVER_INFO, callData: { tid: context.tid, path: context.path, epochSecond: Math.floor(context.nowMs / 1000), requestMethod: 'GET' } };
}

/** The body as a JSON object, or null when it is not one (or too large). */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
