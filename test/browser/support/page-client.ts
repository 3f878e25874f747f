import type { Page } from 'playwright-core';

export type Json = Record<string, unknown>;

export interface CeremonyError {
  /** `options`/`result`: the fetch to Sigil; `browser`: navigator.credentials.create/get. */
  readonly stage: 'options' | 'browser' | 'result';
  /** A DOMException or Error name (`NotAllowedError`, `TypeError`), or the HTTP status of a refused options call. */
  readonly name: string;
  readonly message: string;
}

export interface CeremonyOutcome {
  readonly options?: Json & { session: string; challenge: string };
  readonly credential?: Json & { id: string; response: Json };
  readonly result?: { status: number; body: Json };
  readonly error?: CeremonyError;
}

export interface CeremonyOptions {
  /** Put `session` into the result body; otherwise only the HttpOnly cookie carries it. */
  readonly sendSession?: boolean;
  /** Members the page changes in the options before calling the browser. */
  readonly overrides?: Json;
}

/** What test/browser/support/client.js puts on `window.sigil`. */
interface PageApi {
  register(base: string, request: Json, options: CeremonyOptions): Promise<CeremonyOutcome>;
  login(base: string, request: Json, options: CeremonyOptions): Promise<CeremonyOutcome>;
  create(optionsReply: Json): Promise<{ credential?: Json; error?: CeremonyError }>;
  fetchOptions(url: string, request: Json): Promise<{ options?: { status: number; body: Json }; error?: CeremonyError }>;
  capabilities(): { secureContext: boolean; parseCreationOptionsFromJSON: boolean; parseRequestOptionsFromJSON: boolean };
}

type PageGlobal = { sigil: PageApi };

/**
 * Typed calls into the page's script. Each arrow runs inside the browser (Playwright sends its
 * source), so it may reach only its arguments and the page's globals.
 */
export const pageClient = {
  register: (page: Page, base: string, request: Json, options: CeremonyOptions = {}) =>
    page.evaluate(([b, r, o]) => (globalThis as unknown as PageGlobal).sigil.register(b, r, o), [base, request, options] as const),
  login: (page: Page, base: string, request: Json, options: CeremonyOptions = {}) =>
    page.evaluate(([b, r, o]) => (globalThis as unknown as PageGlobal).sigil.login(b, r, o), [base, request, options] as const),
  create: (page: Page, optionsReply: Json) => page.evaluate((o) => (globalThis as unknown as PageGlobal).sigil.create(o), optionsReply),
  fetchOptions: (page: Page, url: string, request: Json) => page.evaluate(([u, r]) => (globalThis as unknown as PageGlobal).sigil.fetchOptions(u, r), [url, request] as const),
  capabilities: (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobal).sigil.capabilities()),
};
