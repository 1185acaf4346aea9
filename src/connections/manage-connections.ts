import { and, asc, count, eq, inArray, isNull, or } from 'drizzle-orm';
import { requireFolderRole } from '../accounts/folder-access.ts';
import type { Viewer } from '../accounts/sessions.ts';
import { connections, folderMembers, folders, zoomTokenFamilies } from '../core/database/schema.ts';
import type { Db } from '../core/database/database.ts';
import { appsWithWebhookSecret } from './app-webhook-secrets.ts';
import { connectionRights, type StoredConnection } from './connection-access.ts';
import { recordConnectionEvent } from './connection-events.ts';
import { toConnectionView, type ConnectionView } from './connection-view.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { oauthAppContext, resolveOAuthApp } from './oauth-apps.ts';
import { unsealRefreshToken, type StoredTokenFamily } from './token-families.ts';

/** The connections a viewer may see: their personal ones and their folders' (or one folder's). */
export async function listConnections(db: Db, viewer: Viewer, folderId?: string): Promise<ConnectionView[]> {
  let rows: StoredConnection[];
  if (folderId) {
    await requireFolderRole(db, viewer, folderId, 'member');
    rows = await db.select().from(connections).where(eq(connections.folderId, folderId)).orderBy(asc(connections.createdAt));
  } else {
    const administersAll = viewer.role === 'owner' || viewer.role === 'admin';
    const visibleFolders = administersAll
      ? db.select({ id: folders.id }).from(folders)
      : db.select({ id: folderMembers.folderId }).from(folderMembers).where(eq(folderMembers.userId, viewer.userId));
    rows = await db
      .select()
      .from(connections)
      .where(or(and(isNull(connections.folderId), eq(connections.ownerUserId, viewer.userId)), inArray(connections.folderId, visibleFolders)))
      .orderBy(asc(connections.createdAt));
  }
  const views: ConnectionView[] = [];
  const withWebhookSecret = await appsWithWebhookSecret(db, rows.flatMap((row) => (row.oauthClientId ? [row.oauthClientId] : [])));
  for (const row of rows) {
    const rights = await connectionRights(db, viewer, row);
    if (rights) views.push(toConnectionView(row, rights, row.oauthClientId !== null && withWebhookSecret.has(row.oauthClientId)));
  }
  return views;
}

/** Renames a connection or shares it with its folder; each change goes to the audit log. */
export async function updateConnection(db: Db, viewer: Viewer, connection: StoredConnection, changes: { name?: string; shared?: boolean }): Promise<StoredConnection> {
  return db.transaction(async (tx) => {
    const set: Partial<StoredConnection> = { updatedAt: new Date() };
    if (changes.name !== undefined) set.name = changes.name.trim();
    if (changes.shared !== undefined) set.shared = connection.folderId ? changes.shared : false;
    const [updated] = await tx.update(connections).set(set).where(eq(connections.id, connection.id)).returning();
    if (!updated) throw new Error('connection vanished during update');
    if (changes.name !== undefined && updated.name !== connection.name) {
      await recordConnectionEvent(tx, updated, 'renamed', viewer.userId, { from: connection.name, to: updated.name });
    }
    if (changes.shared !== undefined && updated.shared !== connection.shared) {
      await recordConnectionEvent(tx, updated, 'shared', viewer.userId, { shared: updated.shared });
    }
    return updated;
  });
}

/**
 * Deletes a connection. When it was the last one using its token family, the family's tokens are
 * deleted too and the authorization is revoked at Zoom; other connections of the same Zoom user
 * keep theirs. Returns whether Zoom confirmed the revocation (it is skipped when others remain).
 */
export async function deleteConnection(runtime: ConnectionsRuntime, viewer: Viewer, connection: StoredConnection): Promise<{ revokedAtZoom: boolean; stillUsedByOthers: boolean }> {
  const { db } = runtime.services.database;
  const orphaned = await db.transaction(async (tx) => {
    let family: StoredTokenFamily | undefined;
    if (connection.tokenFamilyId) {
      [family] = await tx.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, connection.tokenFamilyId)).for('update');
    }
    // Recorded first: deleting the connection then unlinks the event, which keeps its folder and name.
    await recordConnectionEvent(tx, connection, 'deleted', viewer.userId, { connectionId: connection.id, zoomEmail: connection.zoomEmail });
    await tx.delete(connections).where(eq(connections.id, connection.id));
    if (!family) return { family: undefined, others: 0 };
    const [usage] = await tx.select({ others: count() }).from(connections).where(eq(connections.tokenFamilyId, family.id));
    const others = usage?.others ?? 0;
    if (others === 0) await tx.delete(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, family.id));
    return { family: others === 0 ? family : undefined, others };
  });
  if (!orphaned.family) return { revokedAtZoom: false, stillUsedByOthers: orphaned.others > 0 };
  try {
    const app = await resolveOAuthApp(oauthAppContext(runtime), orphaned.family.oauthClientId);
    await runtime.zoom.revoke(app, unsealRefreshToken(runtime.services.keyRing, orphaned.family));
    return { revokedAtZoom: true, stillUsedByOthers: false };
  } catch (error) {
    // The tokens are already gone from Confer, so nothing can use them; the person is told to
    // remove the app in Zoom themselves.
    runtime.services.logger.warn({ err: error, connectionId: connection.id }, 'revoking a deleted connection at Zoom failed');
    return { revokedAtZoom: false, stillUsedByOthers: false };
  }
}
