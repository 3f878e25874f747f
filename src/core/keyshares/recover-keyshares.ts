import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { FaceScan } from '../face/face-verifier.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { matchEnrolledFace } from '../face/face-gate.ts';
import type { FaceGate } from '../face/face-gate.ts';
import { keyshareSealContext } from './keyshare-seal-context.ts';

export type RecoveredKeyshare =
  | { readonly keyId: string; readonly encryptedKeyshare: string }
  | { readonly keyId: string; readonly error: 'keyshare_not_found' };

/**
 * Recovers backed-up keyshares, always behind a passing match of the user's registered face
 * (no face registered is `face_not_registered`). Then each requested key id yields the keyshare
 * exactly as it was backed up, or `keyshare_not_found` when the user has no backup of it (a key
 * of another user is answered the same way).
 */
export async function recoverKeyshares(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random' | 'sealer'>,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
  gate: FaceGate,
  keyIds: readonly string[],
  scan: FaceScan,
): Promise<RecoveredKeyshare[]> {
  if (keyIds.length === 0 || new Set(keyIds).size !== keyIds.length) {
    throw new DomainError('invalid_request', { detail: 'key_ids must be non-empty and name each key once' });
  }
  const enrollment = await deps.storage.faces.get(tenant.id, user.id);
  if (enrollment === null) throw new DomainError('face_not_registered', { detail: 'keyshare recovery needs a registered face' });
  await matchEnrolledFace(deps, ctx, tenant, enrollment, gate, scan, 'keyshare recovery');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const results: RecoveredKeyshare[] = [];
  for (const keyId of keyIds) {
    const backup = await deps.storage.keyshares.get(tenant.id, keyId);
    if (backup === null || backup.userId !== user.id) {
      results.push({ keyId, error: 'keyshare_not_found' });
      continue;
    }
    // A value that does not open is tampering or a wrong master key: an internal failure, not "missing".
    const plaintext = deps.sealer.open(backup.sealedKeyshare, keyshareSealContext(tenant.id, user.id, keyId));
    results.push({ keyId, encryptedKeyshare: decoder.decode(plaintext) });
  }
  const missing = results.filter((r) => 'error' in r).map((r) => r.keyId);
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'keyshare.recovered',
    subject: `user:${user.id}`,
    detail: { recovered: keyIds.filter((id) => !missing.includes(id)), missing },
  });
  return results;
}
