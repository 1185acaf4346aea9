import { missingScopes } from '../providers/zoom/scopes.ts';
import type { ConnectionRights, StoredConnection } from './connection-access.ts';

/** A connection as the API shows it: never a token, a secret or a sealed value. */
export interface ConnectionView {
  id: string;
  connector: string;
  name: string;
  target: { kind: 'personal' } | { kind: 'folder'; folderId: string };
  authType: StoredConnection['authType'];
  /** The Zoom app's client ID (public), shown for Bring-your-own apps. */
  clientId: string | null;
  /** Bring-your-own apps: whether the app's webhook secret token is set (never the token). */
  webhookSecretSet: boolean;
  status: StoredConnection['status'];
  zoomUser: { id: string; email: string | null; name: string | null; accountId: string | null } | null;
  scopes: string[];
  /** Features this connection cannot serve because Zoom did not grant a scope they need. */
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

export function toConnectionView(connection: StoredConnection, rights: ConnectionRights, webhookSecretSet: boolean): ConnectionView {
  return {
    id: connection.id,
    connector: connection.connector,
    name: connection.name,
    target: connection.folderId ? { kind: 'folder', folderId: connection.folderId } : { kind: 'personal' },
    authType: connection.authType,
    clientId: connection.authType === 'byo_oauth_app' ? connection.clientId : null,
    webhookSecretSet,
    status: connection.status,
    zoomUser: connection.zoomUserId
      ? { id: connection.zoomUserId, email: connection.zoomEmail, name: connection.zoomName, accountId: connection.zoomAccountId }
      : null,
    scopes: connection.scopes,
    missingScopes: connection.status === 'revoked' ? [] : missingScopes(connection.scopes).map(({ feature, label, anyOf }) => ({ feature, label, anyOf: [...anyOf] })),
    shared: connection.shared,
    createdBy: connection.createdBy,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
    lastUsedAt: connection.lastUsedAt?.toISOString() ?? null,
    lastError: connection.lastError,
    canUse: rights.use,
    canManage: rights.manage,
  };
}
