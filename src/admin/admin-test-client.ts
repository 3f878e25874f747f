import type { FastifyInstance } from 'fastify';

export interface AdminAnswer {
  readonly status: number;
  // Tests read whatever the route answered; each asserts the exact shape it expects.
  readonly body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls a management route with a key (or none), as tests of the management API do. */
export function adminClient(app: FastifyInstance) {
  return async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, key: string | null, payload?: unknown): Promise<AdminAnswer> => {
    const res = await app.inject({
      method,
      url: `/admin/v1${url}`,
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body === '' ? {} : (res.json() as Record<string, unknown>) };
  };
}

/** `{"error": {"code"}}` of an answer, for refusal assertions. */
export function codeOf(answer: AdminAnswer): [number, string | undefined] {
  return [answer.status, (answer.body as { error?: { code?: string } }).error?.code];
}
