/**
 * What a client says about the device it runs on (browser or app name and version, OS, screen,
 * capabilities), kept so a user and an administrator can tell their devices apart. Values are
 * the client's own claims: shown, never trusted for a security decision.
 */
export type ClientDeviceInfo = Readonly<Record<string, string | number | boolean>>;

/** One device a user signed in or registered from. Ids are Sigil's, given to the client. */
export interface ClientDevice {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly info: ClientDeviceInfo;
  readonly createdAt: number;
  readonly lastUsedAt: number;
}

/** The device-facing repository; like every repository it never crosses tenants. */
export interface ClientDeviceRepository {
  /** Inserts, or replaces the info and last use of the device with this id in the tenant. */
  save(device: ClientDevice): Promise<void>;
  get(tenantId: string, id: string): Promise<ClientDevice | null>;
  /** Most recently used first. */
  listByUser(tenantId: string, userId: string): Promise<ClientDevice[]>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Returns how many were deleted. */
  deleteByUser(tenantId: string, userId: string): Promise<number>;
}
