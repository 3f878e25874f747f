import { noSettings } from '../settings-reader.ts';

/** Sigil's native API has no settings of its own: the tenant's policies drive it. */
export const nativeSettings = noSettings('native');
