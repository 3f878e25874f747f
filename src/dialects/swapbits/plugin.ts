import type { FastifyInstance } from 'fastify';
import { enrollDeviceKey } from '../../core/device-keys/enroll-device-key.ts';
import { issueDeviceChallenge } from '../../core/device-keys/issue-device-challenge.ts';
import { listDeviceKeys } from '../../core/device-keys/list-device-keys.ts';
import { revokeDevice } from '../../core/device-keys/revoke-device.ts';
import { verifyDeviceKey } from '../../core/device-keys/verify-device-key.ts';
import { installErrorHandler } from '../../http/error-table.ts';
import { principalOf, requireBearer } from '../../http/request-bearer.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { swapBitsErrorTable, swapBitsOpaque500 } from './errors.ts';
import * as map from './mapping.ts';
import { inputErrorFormatter } from './input-error-formatter.ts';
import { swapBitsSettings } from './settings.ts';
import * as wire from './wire.ts';

const byDevice = (group: string) => ({
  rateLimit: { group, account: (r: { body?: unknown; query?: unknown }) => ((r.body ?? r.query) as { deviceId?: string } | undefined)?.deviceId },
});

/**
 * SwapBits biometry (seed 004): device registration, challenge, `BIOMETRY` verification on
 * `/auth/pin/verify`, and Sigil's device list and revocation. Every route needs a bearer token.
 */
export async function swapBitsPlugin(app: FastifyInstance, opts: DialectOptions): Promise<void> {
  const { core } = opts.services;
  installErrorHandler(app, swapBitsErrorTable(core.clock), swapBitsOpaque500);
  // Sigil's own access token or the tenant's identity provider's (its `sub` becomes a Sigil user on first sight).
  app.addHook('preValidation', requireBearer(core));

  app.post<{ Body: wire.RegisterBody }>('/auth/biometry/register', {
    schema: { body: wire.REGISTER_BODY },
    schemaErrorFormatter: inputErrorFormatter(wire.ALL_FIELDS_REQUIRED),
    config: byDevice('swapbits-register'),
  }, async (request) => {
    const { user } = principalOf(request);
    const { body } = request;
    const enrollment = {
      account: { userId: user.id }, deviceId: map.deviceIdOf(body.deviceId), name: body.deviceName, origin: { enrolledVia: 'swapbits', platform: body.platform } as const,
      key: map.p256KeyOf(body.publicKey), authority: { kind: 'session', userId: user.id } as const,
    };
    return map.registeredOf(await enrollDeviceKey(core, contextOf(request, `user:${user.id}`), request.tenant, enrollment));
  });

  app.get<{ Querystring: { deviceId: string } }>('/auth/biometry/challenge', {
    schema: { querystring: wire.CHALLENGE_QUERY },
    schemaErrorFormatter: inputErrorFormatter(wire.DEVICE_ID_REQUIRED),
    config: byDevice('swapbits-challenge'),
  }, async (request) => {
    const { user } = principalOf(request);
    const deviceId = map.deviceIdOf(request.query.deviceId);
    return map.challengeOf(await issueDeviceChallenge(core, request.tenant, { account: { userId: user.id }, deviceId, enrolledVia: 'swapbits', handle: 'uuid' }));
  });

  app.post<{ Body: wire.PinVerifyBody }>('/auth/pin/verify', {
    schema: { body: wire.PIN_VERIFY_BODY },
    schemaErrorFormatter: inputErrorFormatter(wire.ALL_FIELDS_REQUIRED),
    config: byDevice('swapbits-verify'),
  }, async (request) => {
    const { user } = principalOf(request);
    const result = await verifyDeviceKey(core, contextOf(request, `user:${user.id}`), request.tenant, map.attemptOf(user.id, request.body));
    return map.verifiedOf(result, core.clock.now());
  });

  app.get('/auth/biometry/devices', async (request) => {
    const { user } = principalOf(request);
    return map.devicesOf(await listDeviceKeys(core, request.tenant, user.id, 'swapbits'));
  });

  app.delete<{ Params: { deviceId: string } }>('/auth/biometry/devices/:deviceId', {
    schema: { params: wire.DEVICE_PARAMS },
    schemaErrorFormatter: inputErrorFormatter(wire.DEVICE_ID_REQUIRED),
  }, async (request) => {
    const { user } = principalOf(request);
    const target = { userId: user.id, deviceId: map.deviceIdOf(request.params.deviceId), enrolledVia: 'swapbits' } as const;
    return map.revokedOf(await revokeDevice(core, contextOf(request, `user:${user.id}`), request.tenant, target));
  });
}

export const swapBitsDialect: Dialect = {
  name: 'swapbits',
  plugin: swapBitsPlugin,
  routes: [
    'POST /auth/biometry/register',
    'GET /auth/biometry/challenge',
    'POST /auth/pin/verify',
    'GET /auth/biometry/devices',
    'DELETE /auth/biometry/devices/:deviceId',
  ],
  settings: swapBitsSettings,
};
