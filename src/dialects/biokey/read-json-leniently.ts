import type { FastifyInstance } from 'fastify';
import { readJsonBodies } from '../../http/json-bodies.ts';

/**
 * BioKey reads a body that is absent or not JSON as "no fields" and answers 400 "Missing
 * required fields: …" (v0.1.0 `c.req.json().catch(() => null)`). Within the BioKey routes an
 * unparsable JSON body therefore becomes `null`, and the route's schema reports it with the
 * route's own sentence. Fastify's parser still does the parsing (prototype-poisoning checks
 * included): a poisoned body is refused the same way.
 */
export function readJsonLeniently(app: FastifyInstance): void {
  readJsonBodies(app, { unparsableIsNull: true });
}
