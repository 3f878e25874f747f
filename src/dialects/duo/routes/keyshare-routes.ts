import type { FastifyInstance } from 'fastify';
import { backupKeyshares } from '../../../core/keyshares/backup-keyshares.ts';
import { recoverKeyshares } from '../../../core/keyshares/recover-keyshares.ts';
import type { Services } from '../../../services.ts';
import { authenticateDuoUser } from '../authenticate-duo-user.ts';
import { faceGateOf } from '../face-gate-of.ts';
import { backupWire, faceScanFrom, recoveryWire } from '../mapping.ts';
import { BACKUP_BODY_LIMIT_BYTES, backupBody, FACE_BODY_LIMIT_BYTES, recoverBody } from '../wire.ts';
import type { BackupBody, RecoverBody } from '../wire.ts';

/** Keyshare backup (JWT) and recovery (JWT + face, always). */
export function registerKeyshareRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: BackupBody }>(
    '/v2/keyshare/backup',
    { bodyLimit: BACKUP_BODY_LIMIT_BYTES, schema: { body: backupBody }, config: { rateLimit: { group: 'duo-keyshare-backup' } } },
    async (request) => {
      const { user, ctx } = await authenticateDuoUser(services, request);
      const items = request.body.keyshares.map((k) => ({ keyId: k.key_id.toLowerCase(), encryptedKeyshare: k.encrypted_keyshare }));
      return backupWire(await backupKeyshares(services.core, ctx, request.tenant, user, items));
    },
  );

  app.post<{ Body: RecoverBody }>(
    '/v2/keyshare/recover',
    { bodyLimit: FACE_BODY_LIMIT_BYTES, schema: { body: recoverBody }, config: { rateLimit: { group: 'duo-keyshare-recover' } } },
    async (request, reply) => {
      const { user, ctx } = await authenticateDuoUser(services, request);
      const scan = faceScanFrom(request.body);
      if (scan === null) throw new Error('unreachable: the schema requires the face fields');
      const keyIds = request.body.key_ids.map((id) => id.toLowerCase());
      const { status, body } = recoveryWire(await recoverKeyshares(services.core, ctx, request.tenant, user, faceGateOf(services, request.tenant), keyIds, scan));
      return reply.code(status).send(body);
    },
  );
}
