/** JSON schemas of the connections API: validation in, serialization out (nothing unlisted leaks). */

const nullableString = { type: ['string', 'null'] } as const;

export const connectionViewSchema = {
  type: 'object',
  required: ['id', 'connector', 'name', 'target', 'authType', 'status', 'scopes', 'missingScopes', 'shared', 'createdAt', 'canUse', 'canManage'],
  properties: {
    id: { type: 'string' },
    connector: { type: 'string' },
    name: { type: 'string' },
    target: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string', enum: ['personal', 'folder'] }, folderId: { type: 'string' } },
    },
    authType: { type: 'string', enum: ['oauth_authorization_code', 'byo_oauth_app'] },
    clientId: nullableString,
    status: { type: 'string', enum: ['active', 'needs_reauthorization', 'revoked'] },
    zoomUser: {
      type: ['object', 'null'],
      properties: { id: { type: 'string' }, email: nullableString, name: nullableString, accountId: nullableString },
    },
    scopes: { type: 'array', items: { type: 'string' } },
    missingScopes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { feature: { type: 'string' }, label: { type: 'string' }, anyOf: { type: 'array', items: { type: 'string' } } },
      },
    },
    shared: { type: 'boolean' },
    createdBy: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    lastUsedAt: nullableString,
    lastError: nullableString,
    canUse: { type: 'boolean' },
    canManage: { type: 'boolean' },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const connectRequestSchema = {
  type: 'object',
  required: ['connector', 'target', 'authType'],
  additionalProperties: false,
  properties: {
    connector: { type: 'string', minLength: 1, maxLength: 40 },
    target: {
      oneOf: [
        { type: 'string', const: 'personal' },
        { type: 'object', required: ['folderId'], additionalProperties: false, properties: { folderId: { type: 'string', format: 'uuid' } } },
      ],
    },
    authType: { type: 'string', enum: ['oauth_authorization_code', 'byo_oauth_app'] },
    name: { type: 'string', minLength: 1, maxLength: 120 },
    clientId: { type: 'string', minLength: 1, maxLength: 200 },
    clientSecret: { type: 'string', minLength: 1, maxLength: 500 },
    clientSecretAsset: { type: 'string', format: 'uuid' },
  },
} as const;

export const authorizationStartSchema = {
  type: 'object',
  required: ['authorizeUrl', 'expiresAt'],
  properties: { authorizeUrl: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
} as const;

export const connectionEventSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    connectionId: nullableString,
    kind: { type: 'string' },
    detail: { type: 'object', additionalProperties: true },
    actor: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: nullableString } },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
