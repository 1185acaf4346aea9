import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../core/config/config.ts';
import { seal, unseal } from '../core/crypto/envelope.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { columnContext } from '../core/crypto/sealed-columns.ts';
import type { Db } from '../core/database/database.ts';
import { oauthClients } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { webhookSecretColumns, type WebhookSecretInput } from './app-webhook-secrets.ts';
import { findCredentialAsset } from './credential-assets/credential-assets.ts';
import { resolveCredentialReference } from './credential-assets/resolve-credential-asset.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import type { OAuthAppCredentials } from './token-refresh.ts';

type Executor = Pick<Db, 'select' | 'insert' | 'update'>;

export interface OAuthAppContext {
  db: Db;
  ring: KeyRing;
  config: Config;
  env: Record<string, string | undefined>;
}

/** The context of the running process. */
export const oauthAppContext = (runtime: ConnectionsRuntime): OAuthAppContext => ({
  db: runtime.services.database.db,
  ring: runtime.services.keyRing,
  config: runtime.services.config,
  env: runtime.env,
});

const secretContext = (id: string) => columnContext('oauth_clients', id, 'client_secret_sealed');

/** Confer's own Zoom app, from configuration. */
export function conferApp(config: Config): OAuthAppCredentials {
  if (!config.zoom) throw new ConferError('CONFIG_INVALID', 'No Zoom app is configured (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET).');
  return { clientId: config.zoom.clientId, clientSecret: config.zoom.clientSecret };
}

/**
 * The credentials of the app behind `oauthClientId` (a folder's own app), or of Confer's app when
 * it is null. A secret kept as a credential asset is read at this moment, never cached.
 */
export async function resolveOAuthApp(context: OAuthAppContext, oauthClientId: string | null): Promise<OAuthAppCredentials> {
  if (!oauthClientId) return conferApp(context.config);
  const [client] = await context.db.select().from(oauthClients).where(eq(oauthClients.id, oauthClientId));
  if (!client) throw new ConferError('CONNECTION_NEEDS_REAUTHORIZATION', 'The OAuth app this connection used was removed. Connect it again.');
  if (client.clientSecretSealed) {
    return { clientId: client.clientId, clientSecret: unseal(context.ring, client.clientSecretSealed, secretContext(client.id)) };
  }
  const asset = client.clientSecretAssetId ? await findCredentialAsset(context.db, client.folderId, client.clientSecretAssetId) : undefined;
  if (!asset) throw new ConferError('CREDENTIAL_ASSET_UNRESOLVED', 'The credential asset holding this app’s client secret was removed.');
  const clientSecret = await resolveCredentialReference(asset.reference, { env: context.env, vault: context.config.vault });
  return { clientId: client.clientId, clientSecret };
}

/**
 * Records a folder's own OAuth app, or updates the one the folder already has for that client ID
 * (a new secret replaces the old). Exactly one of `clientSecret` and `clientSecretAssetId` is set;
 * the webhook secret is replaced only when one is given.
 */
export async function saveFolderOAuthApp(
  tx: Executor,
  ring: KeyRing,
  input: { folderId: string; clientId: string; clientSecret?: string; clientSecretAssetId?: string; webhook: WebhookSecretInput; createdBy: string },
): Promise<string> {
  const [existing] = await tx
    .select({ id: oauthClients.id })
    .from(oauthClients)
    .where(and(eq(oauthClients.folderId, input.folderId), eq(oauthClients.clientId, input.clientId)))
    .for('update');
  const id = existing?.id ?? randomUUID();
  const secret = {
    clientSecretSealed: input.clientSecret === undefined ? null : seal(ring, input.clientSecret, secretContext(id)),
    clientSecretAssetId: input.clientSecretAssetId ?? null,
    ...webhookSecretColumns(ring, id, input.webhook),
  };
  if (id === existing?.id) {
    await tx.update(oauthClients).set(secret).where(eq(oauthClients.id, id));
  } else {
    await tx.insert(oauthClients).values({ id, folderId: input.folderId, clientId: input.clientId, createdBy: input.createdBy, ...secret });
  }
  return id;
}
