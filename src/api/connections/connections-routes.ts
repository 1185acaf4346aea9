import type { FastifyInstance } from 'fastify';
import { requireFolderRole } from '../../accounts/folder-access.ts';
import { requireConnection } from '../../connections/connection-access.ts';
import { listConnectionEvents } from '../../connections/connection-events.ts';
import { toConnectionView } from '../../connections/connection-view.ts';
import { connectors, oauthCallbackUrl } from '../../connections/connectors.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { deleteConnection, listConnections, updateConnection } from '../../connections/manage-connections.ts';
import { startConnecting, startReauthorizing, type AuthorizationStart } from '../../connections/start-authorization.ts';
import { testConnection } from '../../connections/test-connection.ts';
import { requireViewer } from '../session-auth.ts';
import {
  authorizationStartSchema, connectionEventSchema, connectionViewSchema, connectRequestSchema, idParams,
} from './connection-schemas.ts';

interface ConnectBody {
  connector: string;
  target: 'personal' | { folderId: string };
  authType: 'oauth_authorization_code' | 'byo_oauth_app';
  name?: string;
  clientId?: string;
  clientSecret?: string;
  clientSecretAsset?: string;
}

const startView = (start: AuthorizationStart) => ({ authorizeUrl: start.authorizeUrl, expiresAt: start.expiresAt.toISOString() });

/** `/api/v1/connectors` and `/api/v1/connections…`: thin over src/connections. */
export function connectionsRoutes(runtime: ConnectionsRuntime) {
  const { db } = runtime.services.database;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/connectors', async (request) => {
      requireViewer(request);
      const callbackUrl = oauthCallbackUrl(runtime.services.config.publicUrl);
      return { connectors: connectors.map((connector) => ({ ...connector, callbackUrl })) };
    });

    app.get<{ Querystring: { folderId?: string } }>('/api/v1/connections', {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { folderId: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', properties: { connections: { type: 'array', items: connectionViewSchema } } } },
      },
    }, async (request) => ({ connections: await listConnections(db, requireViewer(request), request.query.folderId) }));

    app.post<{ Body: ConnectBody }>('/api/v1/connections', {
      schema: { body: connectRequestSchema, response: { 201: authorizationStartSchema } },
    }, async (request, reply) => {
      const viewer = requireViewer(request);
      const { target, clientSecretAsset, ...rest } = request.body;
      const start = await startConnecting(runtime, viewer, {
        ...rest,
        target: target === 'personal' ? { kind: 'personal' } : { kind: 'folder', folderId: target.folderId },
        ...(clientSecretAsset ? { clientSecretAssetId: clientSecretAsset } : {}),
      });
      return reply.code(201).send(startView(start));
    });

    app.get<{ Params: { id: string } }>('/api/v1/connections/:id', {
      schema: { params: idParams, response: { 200: connectionViewSchema } },
    }, async (request) => {
      const { connection, rights } = await requireConnection(db, requireViewer(request), request.params.id, 'see');
      return toConnectionView(connection, rights);
    });

    app.patch<{ Params: { id: string }; Body: { name?: string; shared?: boolean } }>('/api/v1/connections/:id', {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name: { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' }, shared: { type: 'boolean' } },
        },
        response: { 200: connectionViewSchema },
      },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection, rights } = await requireConnection(db, viewer, request.params.id, 'manage');
      return toConnectionView(await updateConnection(db, viewer, connection, request.body), rights);
    });

    app.delete<{ Params: { id: string } }>('/api/v1/connections/:id', {
      schema: {
        params: idParams,
        response: { 200: { type: 'object', properties: { deleted: { type: 'boolean' }, revokedAtZoom: { type: 'boolean' }, stillUsedByOthers: { type: 'boolean' } } } },
      },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection } = await requireConnection(db, viewer, request.params.id, 'manage');
      return { deleted: true, ...(await deleteConnection(runtime, viewer, connection)) };
    });

    app.post<{ Params: { id: string } }>('/api/v1/connections/:id/test', {
      schema: {
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              testedAt: { type: 'string', format: 'date-time' },
              zoomUser: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, accountId: { type: 'string' } } },
            },
          },
        },
      },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection } = await requireConnection(db, viewer, request.params.id, 'use');
      const { zoomUser, testedAt } = await testConnection(runtime, viewer, connection);
      return { ok: true, zoomUser, testedAt: testedAt.toISOString() };
    });

    app.post<{ Params: { id: string } }>('/api/v1/connections/:id/reauthorize', {
      schema: { params: idParams, response: { 200: authorizationStartSchema } },
    }, async (request) => {
      const viewer = requireViewer(request);
      const { connection } = await requireConnection(db, viewer, request.params.id, 'manage');
      return startView(await startReauthorizing(runtime, viewer, connection));
    });

    app.get<{ Params: { id: string } }>('/api/v1/connections/:id/events', {
      schema: { params: idParams, response: { 200: { type: 'object', properties: { events: { type: 'array', items: connectionEventSchema } } } } },
    }, async (request) => {
      // The audit log is for those who manage the connection: its creator and the folder's admins.
      const { connection } = await requireConnection(db, requireViewer(request), request.params.id, 'manage');
      return { events: await listConnectionEvents(db, { connectionId: connection.id }) };
    });

    app.get<{ Params: { id: string } }>('/api/v1/folders/:id/connection-events', {
      schema: { params: idParams, response: { 200: { type: 'object', properties: { events: { type: 'array', items: connectionEventSchema } } } } },
    }, async (request) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'folder_admin');
      return { events: await listConnectionEvents(db, { folderId: request.params.id }) };
    });
  };
}
