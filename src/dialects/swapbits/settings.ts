import { noSettings } from '../settings-reader.ts';

/** SwapBits has no settings yet: the tenant's identity provider and device-key policies drive it. */
export const swapBitsSettings = noSettings('swapbits');
