import type { FastifyRequest } from 'fastify';
import type { Tenant } from '../../core/tenant.ts';
import type { Services } from '../../services.ts';
import type { AppKeyApp } from './app-of.ts';
import type { AppKeyBody } from './wire.ts';

/** What every AppKey handler receives: the request, the services, the tenant's app, the body. */
export interface AppKeyCall {
  readonly request: FastifyRequest;
  readonly services: Services;
  readonly tenant: Tenant;
  readonly settings: AppKeyApp;
  readonly body: AppKeyBody;
}

/** One endpoint under `/api/appuser/`, found by its name compared case-insensitively. */
export interface AppKeyRoute {
  readonly method: 'GET' | 'POST';
  /** As AppKey documents it (`setUserName`); `setUsername` and any other casing match too. */
  readonly name: string;
  handle(call: AppKeyCall): Promise<unknown>;
}
