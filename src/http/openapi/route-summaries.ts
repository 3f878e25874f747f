/**
 * One line for each of Sigil's own routes and the native API's, shown by the reference page.
 * Vendor dialects are documented in docs/dialects/; their routes get `METHOD /path` unless their
 * schemas carry a summary.
 */
export const ROUTE_SUMMARIES: Readonly<Record<string, string>> = {
  'GET /health': 'Liveness: 200 while the process runs',
  'GET /ready': 'Readiness: 200 when the stores answer, 503 naming what fails; the dialects each tenant serves',
  'GET /.well-known/jwks.json': "The tenant's public signing keys (JWKS), to verify access tokens",
  'POST /attestation/options': 'Start a passkey registration: creation options and a ceremony session',
  'POST /attestation/result': 'Finish a passkey registration with the RegistrationResponseJSON; answers an access token',
  'POST /assertion/options': 'Start a passkey login: request options and a ceremony session',
  'POST /assertion/result': 'Finish a passkey login with the AuthenticationResponseJSON; answers an access token',
  'GET /admin/v1/tenant': "The API key's tenant (scope tenants:read)",
  'GET /admin/v1/audit': 'Audit events, newest first, paged with nextCursor (scope audit:read)',
  'POST /admin/v1/signing-keys/rotate': "Rotate the tenant's signing key (scope keys:rotate)",
  'POST /admin/v1/users': 'Create a user (scope users:write)',
  'GET /admin/v1/users/{id}': 'A user with their credentials (scope users:read)',
  'POST /admin/v1/users/{id}/registration-grants': 'A one-time grant to add a passkey to an existing user (scope users:write)',
  'POST /admin/v1/tokens/revoke': 'Revoke an access token before it expires (scope users:write)',
};

/** Which tag an operation of Sigil's own gets in the native document. */
export function ownTagOf(path: string): string {
  return path.startsWith('/admin/') ? 'management' : 'operations';
}
