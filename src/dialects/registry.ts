import type { Dialect } from './dialect.ts';
import { appKeyDialect } from './appkey/plugin.ts';
import { bioKeyDialect } from './biokey/plugin.ts';
import { duoDialect } from './duo/plugin.ts';
import { nativeDialect } from './native/plugin.ts';
import { swapBitsDialect } from './swapbits/plugin.ts';

/** Every API Sigil speaks, by name. A dialect is added here and nowhere else. */
export const DIALECTS: readonly Dialect[] = [
  nativeDialect,
  duoDialect,
  bioKeyDialect,
  swapBitsDialect,
  appKeyDialect,
];
