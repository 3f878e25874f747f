import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { authenticateDuoUser } from '../authenticate-duo-user.ts';
import { issueDuoDeviceChallenge } from '../devices/issue-device-challenge.ts';
import { registerDuoDevice } from '../devices/register-duo-device.ts';
import { faceGateOf } from '../face-gate-of.ts';
import { deviceRegisteredWire, faceScanFrom, userRegisteredWire } from '../mapping.ts';
import { registerDuoUser } from '../register-duo-user.ts';
import { deviceChallengeParams, FACE_BODY_LIMIT_BYTES, registerDeviceBody } from '../wire.ts';
import type { DeviceChallengeParams, RegisterDeviceBody } from '../wire.ts';

/** The path's device key; the wildcard also captures a trailing slash, which is not part of it. */
const pathKeyOf = (request: FastifyRequest): string => (request.params as DeviceChallengeParams)['*'].replace(/\/$/, '');

const deviceOf = (request: FastifyRequest): string | undefined => {
  const body = request.body as { device_id?: unknown } | undefined;
  return typeof body?.device_id === 'string' ? body.device_id.toLowerCase() : undefined;
};

/** User sign-up and device-key registration (challenge, then signed proof and conditional face). */
export function registerAccountRoutes(app: FastifyInstance, services: Services): void {
  app.post('/auth/users/register', { config: { rateLimit: { group: 'duo-users' } } }, async (request, reply) => {
    const { user, ctx } = await authenticateDuoUser(services, request);
    const { created } = await registerDuoUser(services.core, ctx, request.tenant, user);
    return reply.code(created ? 201 : 200).send(userRegisteredWire(created));
  });

  app.get<{ Params: DeviceChallengeParams }>(
    '/auth/devices/challenge/*',
    { schema: { params: deviceChallengeParams }, config: { rateLimit: { group: 'duo-device-challenge', account: (r) => pathKeyOf(r).toLowerCase() } } },
    async (request) => {
      const { user } = await authenticateDuoUser(services, request);
      const issued = await issueDuoDeviceChallenge(services.core, request.tenant, user, pathKeyOf(request));
      return { challenge: issued.challenge, ttl_seconds: issued.ttlSeconds };
    },
  );

  app.post<{ Body: RegisterDeviceBody }>(
    '/auth/devices/register',
    { bodyLimit: FACE_BODY_LIMIT_BYTES, schema: { body: registerDeviceBody }, config: { rateLimit: { group: 'duo-device-register', account: deviceOf } } },
    async (request, reply) => {
      const { user, ctx } = await authenticateDuoUser(services, request);
      const body = request.body;
      const input = { deviceId: body.device_id, signature: body.signature, deviceName: body.device_name ?? null, face: faceScanFrom(body) };
      const { outcome } = await registerDuoDevice(services.core, ctx, request.tenant, user, faceGateOf(services, request.tenant), input);
      return reply.code(outcome === 'registered' ? 201 : 200).send(deviceRegisteredWire(outcome));
    },
  );
}
