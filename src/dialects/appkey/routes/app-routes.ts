import { appPublicKeyOf } from '../app-jwt.ts';
import type { AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { appRecordWire } from '../mapping.ts';

/** `GET /app`: the app record the SDK configures itself from (AKApplication). */
export const APP_ROUTES: readonly AppKeyRoute[] = [
  {
    method: 'GET',
    name: 'app',
    async handle(call) {
      const caller = await authenticateApp(call.services, call.request, call.settings);
      // Only the token's digest is stored: the record echoes the token the caller presented.
      const presented = caller === null ? String(call.request.headers['app-token']) : '';
      return appRecordWire(call.tenant, call.settings, await appPublicKeyOf(call.services, call.tenant), presented);
    },
  },
];
