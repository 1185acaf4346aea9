import type { FastifyInstance } from 'fastify';
import { requireFolderRole } from '../../accounts/folder-access.ts';
import {
  createCredentialAsset, deleteCredentialAsset, listCredentialAssets, type StoredCredentialAsset,
} from '../../connections/credential-assets/credential-assets.ts';
import { checkCredentialReference, type CredentialContext } from '../../connections/credential-assets/resolve-credential-asset.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { requireViewer } from '../session-auth.ts';

const assetSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    reference: { type: 'string' },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    resolvable: { type: 'boolean' },
    problem: { type: 'string' },
  },
} as const;
const folderParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** `/api/v1/folders/{id}/credential-assets`: references to secrets kept outside Confer. */
export function credentialAssetsRoutes(runtime: ConnectionsRuntime) {
  const { db } = runtime.services.database;
  const context: CredentialContext = { env: runtime.env, vault: runtime.services.config.vault };
  // Whether it resolves is shown, never the value it resolves to.
  const view = async (asset: StoredCredentialAsset) => ({
    id: asset.id, name: asset.name, reference: asset.reference, createdBy: asset.createdBy, createdAt: asset.createdAt.toISOString(),
    ...(await checkCredentialReference(asset.reference, context)),
  });
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Params: { id: string } }>('/api/v1/folders/:id/credential-assets', {
      schema: { params: folderParams, response: { 200: { type: 'object', properties: { credentialAssets: { type: 'array', items: assetSchema } } } } },
    }, async (request) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'member');
      return { credentialAssets: await Promise.all((await listCredentialAssets(db, request.params.id)).map(view)) };
    });

    app.post<{ Params: { id: string }; Body: { name: string; reference: string } }>('/api/v1/folders/:id/credential-assets', {
      schema: {
        params: folderParams,
        body: {
          type: 'object', required: ['name', 'reference'], additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' }, reference: { type: 'string', minLength: 1, maxLength: 500 } },
        },
        response: { 201: assetSchema },
      },
    }, async (request, reply) => {
      const viewer = requireViewer(request);
      await requireFolderRole(db, viewer, request.params.id, 'folder_admin');
      const asset = await createCredentialAsset(db, { folderId: request.params.id, ...request.body, createdBy: viewer.userId });
      return reply.code(201).send(await view(asset));
    });

    app.delete<{ Params: { id: string; assetId: string } }>('/api/v1/folders/:id/credential-assets/:assetId', {
      schema: { params: { type: 'object', required: ['id', 'assetId'], properties: { id: { type: 'string', format: 'uuid' }, assetId: { type: 'string', format: 'uuid' } } } },
    }, async (request, reply) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'folder_admin');
      await deleteCredentialAsset(db, request.params.id, request.params.assetId);
      return reply.code(204).send();
    });
  };
}
