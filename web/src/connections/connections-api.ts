import { apiRequest } from '../api/client.ts';

export type ConnectionStatus = 'active' | 'needs_reauthorization' | 'revoked';
export type AuthTypeId = 'oauth_authorization_code' | 'byo_oauth_app';

/** A connection as /api/v1/connections shows it (never a token or secret). */
export interface Connection {
  id: string;
  connector: string;
  name: string;
  target: { kind: 'personal' } | { kind: 'folder'; folderId: string };
  authType: AuthTypeId;
  clientId: string | null;
  /** Bring-your-own apps: whether the app's webhook secret token is set (never the token). */
  webhookSecretSet: boolean;
  status: ConnectionStatus;
  zoomUser: { id: string; email: string | null; name: string | null; accountId: string | null } | null;
  scopes: string[];
  missingScopes: Array<{ feature: string; label: string; anyOf: string[] }>;
  shared: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  lastError: string | null;
  canUse: boolean;
  canManage: boolean;
}

export interface Connector {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  scopes: string[];
  callbackUrl: string;
  /** Where Zoom sends the app's events, and which events to subscribe to. */
  eventEndpointUrl: string;
  eventSubscriptions: string[];
  registerAppHint: string;
  adminApprovalSteps: string[];
  authTypes: Array<{ id: AuthTypeId; label: string; description: string; fields: Array<{ name: 'clientId' | 'clientSecret' | 'webhookSecretToken'; label: string; secret: boolean }> }>;
}

export interface ConnectionEvent {
  id: number;
  connectionId: string | null;
  kind: string;
  detail: Record<string, unknown>;
  actor: { id: string; name: string | null } | null;
  createdAt: string;
}

export interface CredentialAsset {
  id: string;
  name: string;
  reference: string;
  resolvable?: boolean;
  problem?: string;
}

export interface ConnectRequest {
  connector: string;
  target: 'personal' | { folderId: string };
  authType: AuthTypeId;
  name?: string;
  clientId?: string;
  clientSecret?: string;
  clientSecretAsset?: string;
  webhookSecretToken?: string;
  webhookSecretTokenAsset?: string;
}

export interface AuthorizationStart {
  authorizeUrl: string;
  expiresAt: string;
}

export const connectionsApi = {
  list: (folderId?: string) =>
    apiRequest<{ connections: Connection[] }>('GET', `/connections${folderId ? `?folderId=${encodeURIComponent(folderId)}` : ''}`).then((r) => r.connections),
  get: (id: string) => apiRequest<Connection>('GET', `/connections/${id}`),
  connectors: () => apiRequest<{ connectors: Connector[] }>('GET', '/connectors').then((r) => r.connectors),
  start: (request: ConnectRequest) => apiRequest<AuthorizationStart>('POST', '/connections', { body: request }),
  reauthorize: (id: string) => apiRequest<AuthorizationStart>('POST', `/connections/${id}/reauthorize`, { body: {} }),
  test: (id: string) => apiRequest<{ ok: boolean; testedAt: string; zoomUser: { email: string; name: string } }>('POST', `/connections/${id}/test`, { body: {} }),
  update: (id: string, changes: { name?: string; shared?: boolean }) => apiRequest<Connection>('PATCH', `/connections/${id}`, { body: changes }),
  remove: (id: string) => apiRequest<{ deleted: boolean; revokedAtZoom: boolean; stillUsedByOthers: boolean }>('DELETE', `/connections/${id}`),
  events: (id: string) => apiRequest<{ events: ConnectionEvent[] }>('GET', `/connections/${id}/events`).then((r) => r.events),
  credentialAssets: (folderId: string) =>
    apiRequest<{ credentialAssets: CredentialAsset[] }>('GET', `/folders/${folderId}/credential-assets`).then((r) => r.credentialAssets),
  createCredentialAsset: (folderId: string, asset: { name: string; reference: string }) =>
    apiRequest<CredentialAsset>('POST', `/folders/${folderId}/credential-assets`, { body: asset }),
};
