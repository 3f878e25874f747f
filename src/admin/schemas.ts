/** JSON schemas the management routes share (they also feed the OpenAPI document). */

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

/** `:id` of a user, credential or API key. */
export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const slugParams = {
  type: 'object',
  required: ['slug'],
  additionalProperties: false,
  properties: { slug: { type: 'string', minLength: 1, maxLength: 63 } },
} as const;

export const originsSchema = { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 512 } } as const;

export const policiesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    userVerification: { enum: ['required', 'preferred', 'discouraged'] },
    attestation: { enum: ['none', 'indirect', 'direct', 'enterprise'] },
    algorithms: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'integer' } },
    challengeTtlSeconds: { type: 'integer' },
    accessTokenTtlSeconds: { type: 'integer' },
    allowSignUp: { type: 'boolean' },
    insecureOpenRegistrationForExistingUsers: { type: 'boolean' },
    insecureAllowLoginWithoutUserPresence: { type: 'boolean' },
  },
} as const;

/** Refusals every guarded route can answer, for the OpenAPI document. */
export const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } as const;
