import { and, eq } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { folderMembers, folders } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { reachesFolder } from './api-key-reach.ts';
import type { Viewer } from './sessions.ts';

export type FolderRole = 'folder_admin' | 'member';

/**
 * The viewer's role in a folder, or undefined when they may not see it. Workspace owners and admins
 * administer every folder; a folder's API key administers its own. A key reaches no other folder.
 */
export async function folderRoleOf(db: Db, viewer: Viewer, folderId: string): Promise<FolderRole | undefined> {
  if (!reachesFolder(viewer, folderId)) return undefined;
  if (viewer.role === 'owner' || viewer.role === 'admin' || viewer.apiKey?.folderKey) {
    const [folder] = await db.select({ id: folders.id }).from(folders).where(eq(folders.id, folderId)).limit(1);
    return folder ? 'folder_admin' : undefined;
  }
  const [membership] = await db
    .select({ role: folderMembers.role })
    .from(folderMembers)
    .where(and(eq(folderMembers.folderId, folderId), eq(folderMembers.userId, viewer.userId)))
    .limit(1);
  return membership?.role;
}

/**
 * The viewer's role in a folder, requiring at least `minimum`. A folder the viewer may not see is
 * NOT_FOUND (its existence is not revealed); a member asking for admin work is FORBIDDEN.
 */
export async function requireFolderRole(db: Db, viewer: Viewer, folderId: string, minimum: FolderRole): Promise<FolderRole> {
  const role = await folderRoleOf(db, viewer, folderId);
  if (!role) throw new ConferError('NOT_FOUND', 'No such folder.');
  if (minimum === 'folder_admin' && role !== 'folder_admin') {
    throw new ConferError('FORBIDDEN', 'Only the folder’s admins can do this.');
  }
  return role;
}
