import type { ErrorCode } from '../../../src/core/errors.ts';
import { ERROR_MESSAGES } from '../../../src/http/error-messages.ts';
import type { ConformanceServer } from './conformance-server.ts';
import type { Reply } from './tool-client.ts';

/** One entry of server-test-cases.json. */
export interface FidoCase {
  readonly id: string;
  readonly section: string;
  readonly group: string;
  readonly case: string;
  readonly expect: 'success' | 'error';
  readonly optional: boolean;
  readonly condition: string;
}

/**
 * A case the walk runs over HTTP. `how` says what is sent; `run` sends it and returns the last
 * reply; `refusedAs` is the code whose message an error case must carry, so a scenario that
 * fails for another reason (a broken fixture, say) is caught.
 */
export interface Scenario {
  readonly how: string;
  readonly run: (server: ConformanceServer) => Promise<Reply>;
  readonly refusedAs?: ErrorCode;
}

/** The scenarios of one group of the case list, by case name ("P-1", "F-3", …). */
export interface GroupScenarios {
  readonly section: string;
  readonly group: string;
  readonly cases: Readonly<Record<string, Scenario>>;
}

/** A case the walk does not run, and why. */
export interface NotCovered {
  readonly section: string;
  readonly group: string;
  readonly cases: readonly string[];
  readonly reason: string;
}

/** Case ids repeat across sections (the metadata cases reuse Resp-1's), so the key names both. */
export const caseKey = (section: string, group: string, name: string): string => `${section} / ${group} ${name}`;

export const keyOf = (c: FidoCase): string => caseKey(c.section, c.group, c.case);

export const messageOf = (code: ErrorCode): string => ERROR_MESSAGES[code];

/** Shorthand for a scenario that must be refused with `code`. */
export const refused = (code: ErrorCode, how: string, run: Scenario['run']): Scenario => ({ how, run, refusedAs: code });

/** Shorthand for a scenario that must succeed. */
export const accepted = (how: string, run: Scenario['run']): Scenario => ({ how, run });
