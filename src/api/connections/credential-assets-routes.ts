import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireFolderRole } from '../../accounts/folder-access.ts';
import {
  createCredentialAsset, deleteCredentialAsset, listCredentialAssets, type StoredCredentialAsset,
} from '../../connections/credential-assets/credential-assets.ts';
import { checkCredentialReference, type CredentialContext } from '../../connections/credential-assets/resolve-credential-asset.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { noContent } from '../common-schemas.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import { createCredentialAssetBody, credentialAssetParams, credentialAssetView, folderParams } from './connection-schemas.ts';

/** `/api/v1/folders/{id}/credential-assets`: references to secrets kept outside Confer. */
export function credentialAssetsRoutes(runtime: ConnectionsRuntime) {
  const { db } = runtime.services.database;
  const context: CredentialContext = { env: runtime.env, vault: runtime.services.config.vault };
  // Whether it resolves is shown, never the value it resolves to.
  const view = async (asset: StoredCredentialAsset) => ({
    id: asset.id, name: asset.name, reference: asset.reference, createdBy: asset.createdBy, createdAt: asset.createdAt.toISOString(),
    ...(await checkCredentialReference(asset.reference, context)),
  });
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['credential-assets'];

    app.get('/api/v1/folders/:id/credential-assets', {
      schema: {
        summary: 'List a folder’s credential assets, with whether each resolves now',
        tags,
        params: folderParams,
        response: { 200: z.object({ credentialAssets: z.array(credentialAssetView) }) },
      },
    }, async (request) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'member');
      return { credentialAssets: await Promise.all((await listCredentialAssets(db, request.params.id)).map(view)) };
    });

    app.post('/api/v1/folders/:id/credential-assets', {
      schema: {
        summary: 'Add a credential asset: a reference to a secret kept in an environment variable, a file or Vault',
        tags,
        params: folderParams,
        body: createCredentialAssetBody,
        response: { 201: credentialAssetView },
      },
    }, async (request, reply) => {
      const viewer = requireViewer(request);
      await requireFolderRole(db, viewer, request.params.id, 'folder_admin');
      const asset = await createCredentialAsset(db, { folderId: request.params.id, ...request.body, createdBy: viewer.userId });
      return reply.code(201).send(await view(asset));
    });

    app.delete('/api/v1/folders/:id/credential-assets/:assetId', {
      schema: { summary: 'Delete a credential asset no connection uses', tags, params: credentialAssetParams, response: { 204: noContent } },
    }, async (request, reply) => {
      await requireFolderRole(db, requireViewer(request), request.params.id, 'folder_admin');
      await deleteCredentialAsset(db, request.params.id, request.params.assetId);
      return reply.code(204).send();
    });
  };
}
