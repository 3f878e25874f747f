import type { ClientDevice, ClientDeviceInfo } from '../../core/devices/client-device.ts';
import type { AaguidRule } from '../../core/authenticator-rules/aaguid-rule.ts';
import { decodeFlag, decodeJson, encodeFlag, encodeJson } from './column-codecs.ts';

export interface ClientDeviceTable {
  tenant_id: string;
  id: string;
  user_id: string;
  /** JSON object ({@link ClientDeviceInfo}). */
  info: string;
  created_at: number;
  last_used_at: number;
}

export interface AaguidRuleTable {
  tenant_id: string;
  aaguid: string;
  block_registration: number;
  block_authentication: number;
}

export function clientDeviceToRow(device: ClientDevice): ClientDeviceTable {
  return { tenant_id: device.tenantId, id: device.id, user_id: device.userId, info: encodeJson(device.info), created_at: device.createdAt, last_used_at: device.lastUsedAt };
}

export function clientDeviceFromRow(row: ClientDeviceTable): ClientDevice {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    info: decodeJson<ClientDeviceInfo>(row.info),
    createdAt: Number(row.created_at),
    lastUsedAt: Number(row.last_used_at),
  };
}

export function aaguidRuleToRow(tenantId: string, rule: AaguidRule): AaguidRuleTable {
  return { tenant_id: tenantId, aaguid: rule.aaguid, block_registration: encodeFlag(rule.blockRegistration), block_authentication: encodeFlag(rule.blockAuthentication) };
}

export function aaguidRuleFromRow(row: AaguidRuleTable): AaguidRule {
  return { aaguid: row.aaguid, blockRegistration: decodeFlag(Number(row.block_registration)), blockAuthentication: decodeFlag(Number(row.block_authentication)) };
}
