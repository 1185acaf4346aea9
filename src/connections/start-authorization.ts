import { requireFolderRole } from '../accounts/folder-access.ts';
import type { Viewer } from '../accounts/sessions.ts';
import type { AuthType } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { StoredConnection } from './connection-access.ts';
import { findConnector, oauthCallbackUrl } from './connectors.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { setAppWebhookSecret, type WebhookSecretInput } from './app-webhook-secrets.ts';
import { findCredentialAsset } from './credential-assets/credential-assets.ts';
import { resolveCredentialReference } from './credential-assets/resolve-credential-asset.ts';
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
  /** Bring-your-own app: its webhook Secret Token, or a credential asset holding it (optional). */
  webhookSecretToken?: string;
  webhookSecretTokenAssetId?: string;
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
    if (request.clientSecretAssetId) await requireFolderAsset(runtime, folderId, request.clientSecretAssetId, 'clientSecretAssetId');
    const webhook = await webhookSecretOf(runtime, folderId, request);
    const oauthClientId = await db.transaction((tx) =>
      saveFolderOAuthApp(tx, keyRing, {
        folderId,
        clientId,
        ...(hasSecret ? { clientSecret: request.clientSecret!.trim() } : { clientSecretAssetId: request.clientSecretAssetId! }),
        webhook,
        createdBy: viewer.userId,
      }),
    );
    // A secret kept in a vault is read now, so a wrong reference fails here and not after Zoom.
    await resolveOAuthApp(oauthAppContext(runtime), oauthClientId);
    intent = { folderId, authType: request.authType, clientId, oauthClientId, connectionId: null, connectionName: request.name?.trim() || null };
  } else {
    if (request.webhookSecretToken !== undefined || request.webhookSecretTokenAssetId !== undefined) {
      throw invalidField('webhookSecretToken', 'Confer’s own Zoom app has its webhook secret token in ZOOM_WEBHOOK_SECRET_TOKEN; only your own app takes one here');
    }
    intent = { folderId, authType: request.authType, clientId: conferApp(runtime.services.config).clientId, oauthClientId: null, connectionId: null, connectionName: request.name?.trim() || null };
  }
  return authorize(runtime, viewer, intent);
}

async function requireFolderAsset(runtime: ConnectionsRuntime, folderId: string, assetId: string, field: string) {
  const asset = await findCredentialAsset(runtime.services.database.db, folderId, assetId);
  if (!asset) throw invalidField(field, 'no such credential asset in this folder');
  return asset;
}

/** A request's webhook secret of a folder's own app: its value, or a folder's credential asset. */
export interface WebhookSecretRequest {
  webhookSecretToken?: string | undefined;
  webhookSecretTokenAssetId?: string | undefined;
}

/**
 * The webhook secret a request gives (the value or a folder's asset, not both), checked; an asset
 * is read once now, as the client secret's is, so a wrong reference fails here and not at Zoom's
 * first event.
 */
export async function webhookSecretOf(runtime: ConnectionsRuntime, folderId: string, request: WebhookSecretRequest): Promise<WebhookSecretInput> {
  const value = request.webhookSecretToken?.trim();
  if (value && request.webhookSecretTokenAssetId) {
    throw invalidField('webhookSecretToken', 'enter the Webhook secret token, or choose a credential asset that holds it, not both');
  }
  if (value) return { webhookSecret: value };
  if (!request.webhookSecretTokenAssetId) return {};
  const asset = await requireFolderAsset(runtime, folderId, request.webhookSecretTokenAssetId, 'webhookSecretTokenAsset');
  await resolveCredentialReference(asset.reference, { env: runtime.env, vault: runtime.services.config.vault });
  return { webhookSecretAssetId: asset.id };
}

/**
 * Replaces the webhook secret of a connection's own app when the request gives one (a PATCH, or
 * re-authorizing after the secret was regenerated in the Marketplace). Confer's own app's secret
 * is configuration, so only a Bring-your-own connection has one to change.
 */
export async function changeWebhookSecret(runtime: ConnectionsRuntime, connection: StoredConnection, request: WebhookSecretRequest): Promise<void> {
  if (request.webhookSecretToken === undefined && request.webhookSecretTokenAssetId === undefined) return;
  if (!connection.oauthClientId || !connection.folderId) {
    throw invalidField('webhookSecretToken', 'only a connection with its own OAuth app has a webhook secret token here');
  }
  const webhook = await webhookSecretOf(runtime, connection.folderId, request);
  if (!('webhookSecret' in webhook) && !('webhookSecretAssetId' in webhook)) {
    throw invalidField('webhookSecretToken', 'enter the Webhook secret token, or choose a credential asset that holds it');
  }
  await setAppWebhookSecret(runtime.services.database.db, runtime.services.keyRing, connection.oauthClientId, webhook);
}

/**
 * Starts re-authorizing an existing connection with the app and target it already has (and, when
 * given, its app's new webhook secret).
 */
export async function startReauthorizing(
  runtime: ConnectionsRuntime,
  viewer: Viewer,
  connection: StoredConnection,
  request: WebhookSecretRequest = {},
): Promise<AuthorizationStart> {
  await changeWebhookSecret(runtime, connection, request);
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
