import type { FastifyInstance } from 'fastify';
import { getFaceStatus } from '../../../core/face/get-face-status.ts';
import { registerFace } from '../../../core/face/register-face.ts';
import type { Services } from '../../../services.ts';
import { authenticateDuoUser } from '../authenticate-duo-user.ts';
import { faceGateOf } from '../face-gate-of.ts';
import { faceRegisteredWire, faceScanFrom, faceStatusWire } from '../mapping.ts';
import { FACE_BODY_LIMIT_BYTES, faceBody } from '../wire.ts';
import type { FaceBody } from '../wire.ts';

/** Face enrollment and its status. */
export function registerFaceRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: FaceBody }>(
    '/auth/face/register',
    { bodyLimit: FACE_BODY_LIMIT_BYTES, schema: { body: faceBody }, config: { rateLimit: { group: 'duo-face' } } },
    async (request, reply) => {
      const { user, ctx } = await authenticateDuoUser(services, request);
      const scan = faceScanFrom(request.body);
      if (scan === null) throw new Error('unreachable: the schema requires the face fields');
      const enrollment = await registerFace(services.core, ctx, request.tenant, user, faceGateOf(services, request.tenant), scan);
      return reply.code(201).send(faceRegisteredWire(enrollment.registeredAt));
    },
  );

  app.get('/v2/face', async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    const { registeredAt } = await getFaceStatus(services.core, request.tenant, user);
    return faceStatusWire(registeredAt);
  });
}
