import type { FastifyInstance } from 'fastify';

/**
 * Some mobile HTTP clients send `Content-Type: application/json` with no body on a POST that
 * takes none (Duo's `/auth/users/register`, AppKey's body-less calls). Within the plugin that installs
 * it an empty JSON body reads as absent;
 * everything else goes to Fastify's own JSON parser (prototype-poisoning checks included).
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
