import type { ChallengePurpose } from '../../core/challenges.ts';
import { consumeChallenge } from '../../core/challenges.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { ClientDeviceInfo } from '../../core/devices/client-device.ts';
import type { Tenant } from '../../core/tenant.ts';
import { DomainError } from '../../core/errors.ts';
import { loginIdSettingsOf } from './settings.ts';
import type { AppWire } from './wire.ts';

/** What LoginID's init steps say that the complete steps need: the device the client runs on. */
export interface CeremonyExtras {
  readonly info: ClientDeviceInfo;
  readonly claimedId: string | null;
}

const keyOf = (tenantId: string, session: string): string => `loginid:ceremony:${tenantId}:${session}`;

/** Kept beside the core's challenge, for as long as it lives. */
export async function saveCeremonyExtras(core: CoreDeps, tenant: Tenant, session: string, extras: CeremonyExtras): Promise<void> {
  await core.ephemeral.set(keyOf(tenant.id, session), JSON.stringify(extras), tenant.policies.challengeTtlSeconds * 1000);
}

/** Read once; an unknown session has none (the core then refuses the session itself). */
export async function takeCeremonyExtras(core: CoreDeps, tenant: Tenant, session: string): Promise<CeremonyExtras> {
  const raw = await core.ephemeral.take(keyOf(tenant.id, session));
  return raw === null ? { info: {}, claimedId: null } : (JSON.parse(raw) as CeremonyExtras);
}

/** Spends a ceremony refused before the core saw it, so its session cannot be tried again. */
export async function spendCeremony(core: CoreDeps, tenant: Tenant, session: string, purpose: ChallengePurpose): Promise<void> {
  await consumeChallenge(core, tenant.id, session, purpose).catch(() => undefined);
}

/** `app.id` must be the tenant's LoginID app id: the client was built for this app. */
export function checkApp(tenant: Tenant, app: AppWire): void {
  if (app.id.trim().toLowerCase() !== loginIdSettingsOf(tenant).appId) throw new DomainError('forbidden', { detail: 'app.id is not this tenant’s LoginID app id' });
}
