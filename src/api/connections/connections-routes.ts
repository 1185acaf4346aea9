import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireSignedInPerson } from '../../accounts/api-key-reach.ts';
import { requireFolderRole } from '../../accounts/folder-access.ts';
import { requireConnection, type ConnectionRights, type StoredConnection } from '../../connections/connection-access.ts';
import { appsWithWebhookSecret } from '../../connections/app-webhook-secrets.ts';
import { listConnectionEvents } from '../../connections/connection-events.ts';
import { toConnectionView } from '../../connections/connection-view.ts';
import { connectors, oauthCallbackUrl, zoomEventEndpointUrl, type ConnectorDeclaration } from '../../connections/connectors.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { deleteConnection, listConnections, updateConnection } from '../../connections/manage-connections.ts';
import { changeWebhookSecret, startConnecting, startReauthorizing, type AuthorizationStart } from '../../connections/start-authorization.ts';
import type { Db } from '../../core/database/database.ts';
import { testConnection } from '../../connections/test-connection.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import {
  authorizationStart, connectBody, connectionDeleted, connectionEvents, connectionTested, connectionView, connectorView, folderParams,
  idParams, listConnectionsQuery, reauthorizeBody, updateConnectionBody,
} from './connection-schemas.ts';

/** A connection as the API shows it, saying whether its app's webhook secret is set. */
async function connectionViewOf(db: Db, connection: StoredConnection, rights: ConnectionRights) {
  const set = connection.oauthClientId ? (await appsWithWebhookSecret(db, [connection.oauthClientId])).has(connection.oauthClientId) : false;
  return toConnectionView(connection, rights, set);
}

const startView = (start: AuthorizationStart) => ({ authorizeUrl: start.authorizeUrl, expiresAt: start.expiresAt.toISOString() });

/** A connector as the API shows it: its declaration, and where its OAuth app sends people back. */
const connectorOf = (connector: ConnectorDeclaration, callbackUrl: string, eventEndpointUrl: string) => ({
  ...connector,
  permissions: [...connector.permissions],
  scopes: [...connector.scopes],
  authTypes: connector.authTypes.map((authType) => ({ ...authType, fields: authType.fields.map((field) => ({ ...field })) })),
  adminApprovalSteps: [...connector.adminApprovalSteps],
  eventSubscriptions: [...connector.eventSubscriptions],
  callbackUrl,
  eventEndpointUrl,
});

/** `/api/v1/connectors` and `/api/v1/connections…`: thin over src/connections. */
export function connectionsRoutes(runtime: ConnectionsRuntime) {
  const { db } = runtime.services.database;
  const viewOf = (connection: StoredConnection, rights: ConnectionRights) => connectionViewOf(db, connection, rights);
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['connections'];

    app.get('/api/v1/connectors', {
      schema: {
        summary: 'List the services Confer connects to, with their auth types and the callback URL to register',
        tags,
        response: { 200: z.object({ connectors: z.array(connectorView) }) },
      },
    }, async (request) => {
      requireViewer(request);
      const { publicUrl } = runtime.services.config;
      return { connectors: connectors.map((connector) => connectorOf(connector, oauthCallbackUrl(publicUrl), zoomEventEndpointUrl(publicUrl))) };
    });

    app.get('/api/v1/connections', {
      schema: {
        summary: 'List the connections the caller may see',
        tags,
        querystring: listConnectionsQuery,
        response: { 200: z.object({ connections: z.array(connectionView) }) },
      },
    }, async (request) => ({ connections: await listConnections(db, requireViewer(request), request.query.folderId) }));

    app.post('/api/v1/connections', {
      schema: {
        summary: 'Start connecting Zoom: answers the consent URL to open in the person’s browser',
        description: 'Needs a person signed in: the consent happens in their browser, and the connection is made when Zoom sends it back to the callback.',
        tags,
        body: connectBody,
        response: { 201: authorizationStart },
      },
    }, async (request, reply) => {
      const viewer = requireSignedInPerson(requireViewer(request), 'Connecting Zoom');
      const { target, clientSecretAsset, webhookSecretTokenAsset, ...rest } = request.body;
      const start = await startConnecting(runtime, viewer, {
        ...rest,
        target: target === 'personal' ? { kind: 'personal' } : { kind: 'folder', folderId: target.folderId },
        ...(clientSecretAsset ? { clientSecretAssetId: clientSecretAsset } : {}),
        ...(webhookSecretTokenAsset ? { webhookSecretTokenAssetId: webhookSecretTokenAsset } : {}),
      });
      return reply.code(201).send(startView(start));
    });

    app.get('/api/v1/connections/:id', {
      schema: { summary: 'One connection: status, Zoom user, granted scopes, last use', tags, params: idParams, response: { 200: connectionView } },
    }, async (request) => {
      const { connection, rights } = await requireConnection(db, requireViewer(request), request.params.id, 'see');
      return viewOf(connection, rights);
    });

    app.patch('/api/v1/connections/:id', {
      schema: {
        summary: 'Rename a connection, share it with its folder, or replace its own app’s webhook secret token',
        tags, params: idParams, body: updateConnectionBody, response: { 200: connectionView },
      },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection, rights } = await requireConnection(db, viewer, request.params.id, 'manage');
      const { webhookSecretToken, webhookSecretTokenAsset, ...changes } = request.body;
      await changeWebhookSecret(runtime, connection, { webhookSecretToken, webhookSecretTokenAssetId: webhookSecretTokenAsset });
      const updated = Object.keys(changes).length > 0 ? await updateConnection(db, viewer, connection, changes) : connection;
      return viewOf(updated, rights);
    });

    app.delete('/api/v1/connections/:id', {
      schema: { summary: 'Delete a connection (its token is revoked at Zoom unless other connections share it)', tags, params: idParams, response: { 200: connectionDeleted } },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection } = await requireConnection(db, viewer, request.params.id, 'manage');
      return { deleted: true, ...(await deleteConnection(runtime, viewer, connection)) };
    });

    app.post('/api/v1/connections/:id/test', {
      schema: { summary: 'Test a connection by reading its Zoom user', tags, params: idParams, response: { 200: connectionTested } },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection } = await requireConnection(db, viewer, request.params.id, 'use');
      const { zoomUser, testedAt } = await testConnection(runtime, viewer, connection);
      return { ok: true, zoomUser, testedAt: testedAt.toISOString() };
    });

    app.post('/api/v1/connections/:id/reauthorize', {
      schema: {
        summary: 'Re-authorize a connection: answers the consent URL to open in the person’s browser',
        description: 'Needs a person signed in, as connecting does.',
        tags,
        params: idParams,
        body: reauthorizeBody.optional(),
        response: { 200: authorizationStart },
      },
    }, async (request) => {
      const viewer = requireSignedInPerson(requireViewer(request), 'Re-authorizing a connection');
      const { connection } = await requireConnection(db, viewer, request.params.id, 'manage');
      const { webhookSecretToken, webhookSecretTokenAsset } = request.body ?? {};
      return startView(await startReauthorizing(runtime, viewer, connection, { webhookSecretToken, webhookSecretTokenAssetId: webhookSecretTokenAsset }));
    });

    app.get('/api/v1/connections/:id/events', {
      schema: { summary: 'A connection’s audit log, newest first (for those who manage it)', tags, params: idParams, response: { 200: connectionEvents } },
    }, async (request) => {
      // The audit log is for those who manage the connection: its creator and the folder's admins.
      const { connection } = await requireConnection(db, requireViewer(request), request.params.id, 'manage');
      return { events: await listConnectionEvents(db, { connectionId: connection.id }) };
    });

    app.get('/api/v1/folders/:id/connection-events', {
      schema: { summary: 'Every connection event of a folder, newest first (for its admins)', tags, params: folderParams, response: { 200: connectionEvents } },
    }, async (request) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'folder_admin');
      return { events: await listConnectionEvents(db, { folderId: request.params.id }) };
    });
  };
}
