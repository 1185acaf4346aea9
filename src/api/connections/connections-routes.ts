import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireSignedInPerson } from '../../accounts/api-key-reach.ts';
import { requireFolderRole } from '../../accounts/folder-access.ts';
import { requireConnection } from '../../connections/connection-access.ts';
import { listConnectionEvents } from '../../connections/connection-events.ts';
import { toConnectionView } from '../../connections/connection-view.ts';
import { connectors, oauthCallbackUrl, type ConnectorDeclaration } from '../../connections/connectors.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { deleteConnection, listConnections, updateConnection } from '../../connections/manage-connections.ts';
import { startConnecting, startReauthorizing, type AuthorizationStart } from '../../connections/start-authorization.ts';
import { testConnection } from '../../connections/test-connection.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import {
  authorizationStart, connectBody, connectionDeleted, connectionEvents, connectionTested, connectionView, connectorView, folderParams,
  idParams, listConnectionsQuery, updateConnectionBody,
} from './connection-schemas.ts';

const startView = (start: AuthorizationStart) => ({ authorizeUrl: start.authorizeUrl, expiresAt: start.expiresAt.toISOString() });

/** A connector as the API shows it: its declaration, and where its OAuth app sends people back. */
const connectorOf = (connector: ConnectorDeclaration, callbackUrl: string) => ({
  ...connector,
  permissions: [...connector.permissions],
  scopes: [...connector.scopes],
  authTypes: connector.authTypes.map((authType) => ({ ...authType, fields: authType.fields.map((field) => ({ ...field })) })),
  adminApprovalSteps: [...connector.adminApprovalSteps],
  callbackUrl,
});

/** `/api/v1/connectors` and `/api/v1/connections…`: thin over src/connections. */
export function connectionsRoutes(runtime: ConnectionsRuntime) {
  const { db } = runtime.services.database;
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
      const callbackUrl = oauthCallbackUrl(runtime.services.config.publicUrl);
      return { connectors: connectors.map((connector) => connectorOf(connector, callbackUrl)) };
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
      const { target, clientSecretAsset, ...rest } = request.body;
      const start = await startConnecting(runtime, viewer, {
        ...rest,
        target: target === 'personal' ? { kind: 'personal' } : { kind: 'folder', folderId: target.folderId },
        ...(clientSecretAsset ? { clientSecretAssetId: clientSecretAsset } : {}),
      });
      return reply.code(201).send(startView(start));
    });

    app.get('/api/v1/connections/:id', {
      schema: { summary: 'One connection: status, Zoom user, granted scopes, last use', tags, params: idParams, response: { 200: connectionView } },
    }, async (request) => {
      const { connection, rights } = await requireConnection(db, requireViewer(request), request.params.id, 'see');
      return toConnectionView(connection, rights);
    });

    app.patch('/api/v1/connections/:id', {
      schema: { summary: 'Rename a connection, or share it with its folder', tags, params: idParams, body: updateConnectionBody, response: { 200: connectionView } },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection, rights } = await requireConnection(db, viewer, request.params.id, 'manage');
      return toConnectionView(await updateConnection(db, viewer, connection, request.body), rights);
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
        response: { 200: authorizationStart },
      },
    }, async (request) => {
      const viewer = requireSignedInPerson(requireViewer(request), 'Re-authorizing a connection');
      const { connection } = await requireConnection(db, viewer, request.params.id, 'manage');
      return startView(await startReauthorizing(runtime, viewer, connection));
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
