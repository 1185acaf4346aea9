import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../core/database/database.ts';
import { credentialAssets, oauthClients } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { parseCredentialReference } from './reference.ts';

export type StoredCredentialAsset = typeof credentialAssets.$inferSelect;

/** One asset of a folder, or undefined. */
export async function findCredentialAsset(db: Db, folderId: string, assetId: string): Promise<StoredCredentialAsset | undefined> {
  const [asset] = await db.select().from(credentialAssets).where(and(eq(credentialAssets.folderId, folderId), eq(credentialAssets.id, assetId)));
  return asset;
}

export function listCredentialAssets(db: Db, folderId: string): Promise<StoredCredentialAsset[]> {
  return db.select().from(credentialAssets).where(eq(credentialAssets.folderId, folderId)).orderBy(asc(credentialAssets.name));
}

/** Adds an asset after checking its reference's form (whether it resolves is shown, not required). */
export async function createCredentialAsset(db: Db, input: { folderId: string; name: string; reference: string; createdBy: string }): Promise<StoredCredentialAsset> {
  const name = input.name.trim();
  const parsed = parseCredentialReference(input.reference);
  if (!parsed.ok) throw new ConferError('VALIDATION_FAILED', `reference: ${parsed.message}`, { errors: [{ field: 'reference', message: parsed.message }] });
  const [asset] = await db
    .insert(credentialAssets)
    .values({ folderId: input.folderId, name, reference: input.reference.trim(), createdBy: input.createdBy })
    .onConflictDoNothing({ target: [credentialAssets.folderId, credentialAssets.name] })
    .returning();
  if (!asset) throw new ConferError('CREDENTIAL_ASSET_NAME_TAKEN', `This folder already has a credential asset named “${name}”.`);
  return asset;
}

/** Deletes an asset no OAuth app uses. */
export async function deleteCredentialAsset(db: Db, folderId: string, assetId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: oauthClients.id }).from(oauthClients).where(eq(oauthClients.clientSecretAssetId, assetId)).limit(1);
    if (user) throw new ConferError('CREDENTIAL_ASSET_IN_USE', 'A connection’s OAuth app reads its client secret from this asset; re-authorize that connection with another secret first.');
    const [webhookUser] = await tx.select({ id: oauthClients.id }).from(oauthClients).where(eq(oauthClients.webhookSecretAssetId, assetId)).limit(1);
    if (webhookUser) throw new ConferError('CREDENTIAL_ASSET_IN_USE', 'A connection’s OAuth app reads its webhook secret token from this asset; give that connection another one first.');
    const deleted = await tx.delete(credentialAssets).where(and(eq(credentialAssets.folderId, folderId), eq(credentialAssets.id, assetId))).returning({ id: credentialAssets.id });
    if (deleted.length === 0) throw new ConferError('NOT_FOUND', 'No such credential asset.');
  });
}
