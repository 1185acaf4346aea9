import { eq } from 'drizzle-orm';
import { reachesPersonal } from '../accounts/api-key-reach.ts';
import { folderRoleOf } from '../accounts/folder-access.ts';
import type { Viewer } from '../accounts/sessions.ts';
import type { Db } from '../core/database/database.ts';
import { connections } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';

export type StoredConnection = typeof connections.$inferSelect;

/** What the viewer may do with a connection they can see. */
export interface ConnectionRights {
  /** Call Zoom through it (Test, automations, booking pages). */
  use: boolean;
  /** Rename, share, re-authorize, delete. */
  manage: boolean;
}

/**
 * A personal connection is its owner's alone. A folder connection is visible to the folder's
 * members; its creator and the folder's admins manage it, and members use it once it is shared.
 */
export async function connectionRights(db: Db, viewer: Viewer, connection: StoredConnection): Promise<ConnectionRights | undefined> {
  const isOwner = connection.ownerUserId === viewer.userId;
  if (!connection.folderId) return isOwner && reachesPersonal(viewer) ? { use: true, manage: true } : undefined;
  const role = await folderRoleOf(db, viewer, connection.folderId);
  if (!role) return undefined;
  const manage = isOwner || role === 'folder_admin';
  return { use: manage || connection.shared, manage };
}

/**
 * The connection with the viewer's rights, requiring `need`. One the viewer may not see is
 * NOT_FOUND, so ids of other folders' connections reveal nothing.
 */
export async function requireConnection(
  db: Db,
  viewer: Viewer,
  connectionId: string,
  need: keyof ConnectionRights | 'see',
): Promise<{ connection: StoredConnection; rights: ConnectionRights }> {
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  const rights = connection ? await connectionRights(db, viewer, connection) : undefined;
  if (!connection || !rights) throw new ConferError('NOT_FOUND', 'No such connection.');
  if (need !== 'see' && !rights[need]) {
    throw new ConferError('FORBIDDEN', need === 'manage'
      ? 'Only the connection’s creator and the folder’s admins can change it.'
      : 'This connection is not shared with the folder; ask its creator or a folder admin to share it.');
  }
  return { connection, rights };
}
