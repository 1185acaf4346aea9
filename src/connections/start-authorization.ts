import { and, eq } from 'drizzle-orm';
import { requireFolderRole } from '../accounts/folder-access.ts';
import type { Viewer } from '../accounts/sessions.ts';
import { credentialAssets, type AuthType } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { StoredConnection } from './connection-access.ts';
import { findConnector, oauthCallbackUrl } from './connectors.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { conferApp, oauthAppContext, resolveOAuthApp, saveFolderOAuthApp } from './oauth-apps.ts';
import { createOAuthState, stateLifetimeMs, type AuthorizationIntent } from './oauth-states.ts';

/** A request to connect: where the connection goes and which OAuth app signs the person in. */
export interface ConnectRequest {
  connector: string;
  target: { kind: 'personal' } | { kind: 'folder'; folderId: string };
  authType: AuthType;
  name?: string;
  clientId?: string;
  clientSecret?: string;
  clientSecretAssetId?: string;
}

export interface AuthorizationStart {
  authorizeUrl: string;
  expiresAt: Date;
}

const invalidField = (field: string, message: string) =>
  new ConferError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });

/** Starts connecting: checks rights and input, stores the OAuth app and state, returns Zoom's URL. */
export async function startConnecting(runtime: ConnectionsRuntime, viewer: Viewer, request: ConnectRequest): Promise<AuthorizationStart> {
  const { db } = runtime.services.database;
  const { keyRing } = runtime.services;
  const connector = findConnector(request.connector);
  if (!connector) throw invalidField('connector', `there is no connector "${request.connector}"`);
  if (!connector.authTypes.some((type) => type.id === request.authType)) {
    throw invalidField('authType', `${connector.name} does not offer ${request.authType}`);
  }
  const folderId = request.target.kind === 'folder' ? request.target.folderId : null;
  if (folderId) await requireFolderRole(db, viewer, folderId, 'folder_admin');

  let intent: AuthorizationIntent;
  if (request.authType === 'byo_oauth_app') {
    if (!folderId) throw invalidField('target', 'a personal connection uses Confer’s own Zoom app; bring your own app in a folder');
    const clientId = request.clientId?.trim();
    if (!clientId) throw invalidField('clientId', 'enter the Client ID of your Zoom OAuth app');
    const hasSecret = Boolean(request.clientSecret?.trim());
    if (hasSecret === Boolean(request.clientSecretAssetId)) {
      throw invalidField('clientSecret', 'enter the Client secret, or choose a credential asset that holds it (one of the two)');
    }
    if (request.clientSecretAssetId) {
      const [asset] = await db
        .select({ id: credentialAssets.id })
        .from(credentialAssets)
        .where(and(eq(credentialAssets.id, request.clientSecretAssetId), eq(credentialAssets.folderId, folderId)));
      if (!asset) throw invalidField('clientSecretAssetId', 'no such credential asset in this folder');
    }
    const oauthClientId = await db.transaction((tx) =>
      saveFolderOAuthApp(tx, keyRing, {
        folderId,
        clientId,
        ...(hasSecret ? { clientSecret: request.clientSecret!.trim() } : { clientSecretAssetId: request.clientSecretAssetId! }),
        createdBy: viewer.userId,
      }),
    );
    // A secret kept in a vault is read now, so a wrong reference fails here and not after Zoom.
    await resolveOAuthApp(oauthAppContext(runtime), oauthClientId);
    intent = { folderId, authType: request.authType, clientId, oauthClientId, connectionId: null, connectionName: request.name?.trim() || null };
  } else {
    intent = { folderId, authType: request.authType, clientId: conferApp(runtime.services.config).clientId, oauthClientId: null, connectionId: null, connectionName: request.name?.trim() || null };
  }
  return authorize(runtime, viewer, intent);
}

/** Starts re-authorizing an existing connection with the app and target it already has. */
export async function startReauthorizing(runtime: ConnectionsRuntime, viewer: Viewer, connection: StoredConnection): Promise<AuthorizationStart> {
  if (connection.oauthClientId) {
    await resolveOAuthApp(oauthAppContext(runtime), connection.oauthClientId);
  }
  return authorize(runtime, viewer, {
    folderId: connection.folderId,
    authType: connection.authType,
    clientId: connection.clientId,
    oauthClientId: connection.oauthClientId,
    connectionId: connection.id,
    connectionName: connection.name,
  });
}

async function authorize(runtime: ConnectionsRuntime, viewer: Viewer, intent: AuthorizationIntent): Promise<AuthorizationStart> {
  const now = new Date();
  const { codeVerifier, codeChallenge } = await runtime.zoom.newPkce();
  const state = await createOAuthState(runtime.services.database.db, runtime.services.keyRing, viewer, intent, codeVerifier, now);
  const authorizeUrl = runtime.zoom.authorizationUrl({
    clientId: intent.clientId,
    redirectUri: oauthCallbackUrl(runtime.services.config.publicUrl),
    state,
    codeChallenge,
  });
  return { authorizeUrl, expiresAt: new Date(now.getTime() + stateLifetimeMs) };
}
