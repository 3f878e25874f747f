import type { Dialect } from './dialect.ts';

/** Every API Sigil speaks, by name. A dialect is added here and nowhere else. */
export const DIALECTS: readonly Dialect[] = [];
