import type { Page } from 'playwright-core';
import type { BioKeySdkVersion } from './biokey-page-server.ts';

type Json = Record<string, unknown>;

/** What biokey-js keeps in localStorage and returns from `enroll()`. */
export interface SdkIdentity {
  readonly publicKey: string;
  readonly credentialId: string;
  readonly deviceId: string;
  readonly method: 'prf' | 'rawid';
}

export interface SdkFailure {
  readonly name: string;
  readonly message: string;
}

/** One request the SDK made, and the server's answer. */
export interface SdkRequest {
  readonly method: string;
  readonly url: string;
  readonly body: Json | null;
  readonly status: number;
  readonly response: Json | null;
}

export interface PageObservations {
  readonly requests: SdkRequest[];
  /** evalByCredential keys the page re-keyed from hex to base64url. */
  readonly adapted: { from: string; to: string }[];
}

interface PageApi {
  enroll(version: BioKeySdkVersion, serverUrl: string | null, userId: string): Promise<{ identity?: SdkIdentity; error?: SdkFailure }>;
  authenticate(version: BioKeySdkVersion, serverUrl: string, userId: string): Promise<{ result?: Json; error?: SdkFailure }>;
  setAdaptation(on: boolean): void;
  drain(): PageObservations;
}

type PageGlobal = { biokey: PageApi };

/** Typed calls into test/browser/support/biokey-page.js (each arrow runs inside the browser). */
export const bioKeyPage = {
  enroll: (page: Page, version: BioKeySdkVersion, serverUrl: string | null, userId: string) =>
    page.evaluate(([v, s, u]) => (globalThis as unknown as PageGlobal).biokey.enroll(v, s, u), [version, serverUrl, userId] as const),
  authenticate: (page: Page, version: BioKeySdkVersion, serverUrl: string, userId: string) =>
    page.evaluate(([v, s, u]) => (globalThis as unknown as PageGlobal).biokey.authenticate(v, s, u), [version, serverUrl, userId] as const),
  setAdaptation: (page: Page, on: boolean) => page.evaluate((o) => (globalThis as unknown as PageGlobal).biokey.setAdaptation(o), on),
  drain: (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobal).biokey.drain()),
};
