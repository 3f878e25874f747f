import type { FastifyInstance } from 'fastify';
import { readJsonBodies } from './json-bodies.ts';

/**
 * Some mobile HTTP clients send `Content-Type: application/json` with no body on a POST that
 * takes none (Duo's `/auth/users/register`, AppKey's body-less calls). Within the plugin that installs
 * it an empty JSON body reads as absent;
 * everything else goes to Fastify's own JSON parser (prototype-poisoning checks included).
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  readJsonBodies(app, { emptyIsAbsent: true });
}
