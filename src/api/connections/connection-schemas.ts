import { z } from 'zod';

// The connections API's schemas: requests are validated with them, answers serialized through
// them (nothing unlisted leaks: a token, a secret or a sealed value has no field here).

const authType = z.enum(['oauth_authorization_code', 'byo_oauth_app']);
const connectionStatus = z.enum(['active', 'needs_reauthorization', 'revoked']);
const connectionName = z.string().min(1).max(120).regex(/\S/, 'must not be blank');

export const idParams = z.object({ id: z.uuid('a connection id') });
export const folderParams = z.object({ id: z.uuid('a folder id') });

export const connectionView = z.object({
  id: z.uuid(),
  connector: z.string().describe('The connector’s id, such as zoom'),
  name: z.string(),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('personal') }),
    z.object({ kind: z.literal('folder'), folderId: z.uuid() }),
  ]).describe('Whose connection it is: the creator’s own, or a folder’s'),
  authType,
  clientId: z.string().nullable().describe('The Zoom app’s client ID (public), for Bring-your-own apps'),
  webhookSecretSet: z.boolean().describe('Bring-your-own apps: whether the app’s webhook Secret Token is set (it is never shown)'),
  status: connectionStatus,
  zoomUser: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), accountId: z.string().nullable() }).nullable(),
  scopes: z.array(z.string()).describe('The scopes Zoom granted'),
  missingScopes: z.array(z.object({ feature: z.string(), label: z.string(), anyOf: z.array(z.string()) }))
    .describe('Features this connection cannot serve because Zoom did not grant a scope they need'),
  shared: z.boolean().describe('Whether the folder’s members may use it'),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  canUse: z.boolean().describe('Whether the caller may act through it'),
  canManage: z.boolean().describe('Whether the caller may rename, share, re-authorize and delete it'),
});

export const listConnectionsQuery = z.object({
  folderId: z.uuid('a folder id').optional().describe('Only this folder’s connections'),
}).strict();

// A Bring-your-own app's webhook Secret Token (Zoom signs that app's events with it): write-only.
const webhookSecretFields = {
  webhookSecretToken: z.string().min(1).max(500).optional().describe('Bring-your-own app: its webhook Secret Token (write-only), to verify its events'),
  webhookSecretTokenAsset: z.uuid('a credential asset id').optional().describe('Bring-your-own app: a credential asset holding the webhook Secret Token, instead of the value'),
};

export const connectBody = z.object({
  connector: z.string().min(1).max(40).describe('A connector id from GET /connectors'),
  target: z.union([z.literal('personal'), z.object({ folderId: z.uuid('a folder id') }).strict()])
    .describe('`personal`, or `{ folderId }` for a folder’s connection (you must administer the folder)'),
  authType,
  name: z.string().min(1).max(120).optional(),
  clientId: z.string().min(1).max(200).optional().describe('Bring-your-own app: its client ID'),
  clientSecret: z.string().min(1).max(500).optional().describe('Bring-your-own app: its client secret (write-only)'),
  clientSecretAsset: z.uuid('a credential asset id').optional().describe('Bring-your-own app: a credential asset holding the client secret, instead of the value'),
  ...webhookSecretFields,
}).strict();

export const updateConnectionBody = z.object({
  name: connectionName.optional(),
  shared: z.boolean().optional(),
  ...webhookSecretFields,
}).strict().refine((body) => Object.keys(body).length > 0, 'change at least one of name, shared and the webhook secret token');

export const reauthorizeBody = z.object({ ...webhookSecretFields }).strict()
  .describe('Optional: a Bring-your-own app’s new webhook Secret Token (after it was regenerated in the Marketplace)');

export const authorizationStart = z.object({
  authorizeUrl: z.string().describe('Open in the person’s browser: Zoom’s consent page'),
  expiresAt: z.iso.datetime().describe('When the consent must be finished by (10 minutes)'),
});

export const connectionDeleted = z.object({
  deleted: z.boolean(),
  revokedAtZoom: z.boolean().describe('Whether Zoom confirmed the token revoked'),
  stillUsedByOthers: z.boolean().describe('Whether other connections still share the Zoom authorization, so it was kept'),
});

export const connectionTested = z.object({
  ok: z.boolean(),
  testedAt: z.iso.datetime(),
  zoomUser: z.object({ id: z.string(), email: z.string(), name: z.string(), accountId: z.string() }),
});

export const connectionEvent = z.object({
  id: z.number().int(),
  connectionId: z.uuid().nullable(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()).describe('What the event concerns; never a token or secret'),
  actor: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  createdAt: z.iso.datetime(),
});

export const connectionEvents = z.object({ events: z.array(connectionEvent) });

export const connectorView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()).describe('What the service calls the permissions Confer asks for'),
  scopes: z.array(z.string()),
  authTypes: z.array(z.object({
    id: authType,
    label: z.string(),
    description: z.string(),
    fields: z.array(z.object({ name: z.enum(['clientId', 'clientSecret', 'webhookSecretToken']), label: z.string(), secret: z.boolean() })),
  })),
  registerAppHint: z.string(),
  adminApprovalSteps: z.array(z.string()),
  callbackUrl: z.string().describe('The redirect URL to register with the OAuth app'),
  eventEndpointUrl: z.string().describe('The event notification endpoint URL to register with a Bring-your-own OAuth app (Confer’s own app has it already)'),
  eventSubscriptions: z.array(z.string()).describe('The events to subscribe that endpoint to'),
});

export const credentialAssetView = z.object({
  id: z.uuid(),
  name: z.string(),
  reference: z.string().describe('Where the secret lives: env:NAME, file:/path or vault:mount/path#field'),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  resolvable: z.boolean().describe('Whether the reference resolves now (the value is never shown)'),
  problem: z.string().optional().describe('Why it does not resolve'),
});

export const createCredentialAssetBody = z.object({
  name: connectionName,
  reference: z.string().min(1).max(500),
}).strict();

export const credentialAssetParams = z.object({ id: z.uuid('a folder id'), assetId: z.uuid('a credential asset id') });
