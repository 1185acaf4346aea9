import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { folderMembers, folders, users } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { reachesFolder } from './api-key-reach.ts';
import { requireFolderRole, type FolderRole } from './folder-access.ts';
import type { Viewer } from './sessions.ts';

export interface FolderView {
  id: string;
  name: string;
  createdAt: string;
  /** The viewer's role in the folder. */
  role: FolderRole;
}

const administersAll = (viewer: Viewer) => viewer.role === 'owner' || viewer.role === 'admin';

/** The folders the viewer may see: all for workspace owners and admins, their memberships otherwise. */
export async function listFolders(db: Db, viewer: Viewer): Promise<FolderView[]> {
  if (administersAll(viewer) || viewer.apiKey?.folderKey) {
    const rows = await db.select().from(folders).orderBy(asc(folders.name));
    return rows.filter((f) => reachesFolder(viewer, f.id)).map((f) => ({ id: f.id, name: f.name, createdAt: f.createdAt.toISOString(), role: 'folder_admin' }));
  }
  const rows = await db
    .select({ id: folders.id, name: folders.name, createdAt: folders.createdAt, role: folderMembers.role })
    .from(folderMembers)
    .innerJoin(folders, eq(folders.id, folderMembers.folderId))
    .where(eq(folderMembers.userId, viewer.userId))
    .orderBy(asc(folders.name));
  return rows.filter((f) => reachesFolder(viewer, f.id)).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() }));
}

export async function getFolder(db: Db, viewer: Viewer, folderId: string): Promise<FolderView> {
  const role = await requireFolderRole(db, viewer, folderId, 'member');
  const [folder] = await db.select().from(folders).where(eq(folders.id, folderId));
  return { id: folder!.id, name: folder!.name, createdAt: folder!.createdAt.toISOString(), role };
}

/** Creates a folder (owners and admins); its creator becomes its folder admin. */
export async function createFolder(db: Db, viewer: Viewer, name: string): Promise<FolderView> {
  if (!administersAll(viewer)) throw new ConferError('FORBIDDEN', 'Only the workspace’s owners and admins create folders.');
  return db.transaction(async (tx) => {
    const [folder] = await tx.insert(folders).values({ name: name.trim(), createdBy: viewer.userId }).returning();
    await tx.insert(folderMembers).values({ folderId: folder!.id, userId: viewer.userId, role: 'folder_admin' });
    return { id: folder!.id, name: folder!.name, createdAt: folder!.createdAt.toISOString(), role: 'folder_admin' };
  });
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: FolderRole;
}

export async function listMembers(db: Db, viewer: Viewer, folderId: string): Promise<MemberView[]> {
  await requireFolderRole(db, viewer, folderId, 'member');
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: folderMembers.role })
    .from(folderMembers)
    .innerJoin(users, eq(users.id, folderMembers.userId))
    .where(eq(folderMembers.folderId, folderId))
    .orderBy(asc(users.name));
}

/** Adds a user to a folder, or changes their folder role (folder admins). */
export async function putMember(db: Db, viewer: Viewer, folderId: string, member: { userId: string; role: FolderRole }): Promise<MemberView> {
  await requireFolderRole(db, viewer, folderId, 'folder_admin');
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, member.userId));
  if (!user) throw new ConferError('VALIDATION_FAILED', 'userId: there is no such user', { errors: [{ field: 'userId', message: 'there is no such user' }] });
  await db
    .insert(folderMembers)
    .values({ folderId, userId: member.userId, role: member.role })
    .onConflictDoUpdate({ target: [folderMembers.folderId, folderMembers.userId], set: { role: member.role } });
  return { userId: user.id, name: user.name, email: user.email, role: member.role };
}

export async function removeMember(db: Db, viewer: Viewer, folderId: string, userId: string): Promise<void> {
  await requireFolderRole(db, viewer, folderId, 'folder_admin');
  const removed = await db.delete(folderMembers).where(and(eq(folderMembers.folderId, folderId), eq(folderMembers.userId, userId))).returning();
  if (removed.length === 0) throw new ConferError('NOT_FOUND', 'That user is not a member of this folder.');
}
