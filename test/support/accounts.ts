import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/accounts/password.ts';
import { createSession, sessionCookieName, type Viewer } from '../../src/accounts/sessions.ts';
import type { Db } from '../../src/core/database/database.ts';
import { folderMembers, folders, users, workspace } from '../../src/core/database/schema.ts';

/** A user seeded straight into the database, with a signed-in session for requests. */
export interface SeededUser extends Omit<Viewer, 'sessionTokenHash'> {
  password: string;
  /** `Cookie` header value carrying the user's session. */
  cookie: string;
}

/** Inserts a user (role member unless said) and opens a session for them. */
export async function seedUser(db: Db, options: { role?: Viewer['role']; name?: string; email?: string } = {}): Promise<SeededUser> {
  // A seeded user implies a set-up workspace, as first-run setup would have made it.
  await db.insert(workspace).values({ name: 'Test workspace' }).onConflictDoNothing();
  const suffix = randomBytes(3).toString('hex');
  const password = `password-${suffix}-long`;
  const [row] = await db
    .insert(users)
    .values({
      email: options.email ?? `user-${suffix}@example.com`,
      name: options.name ?? `User ${suffix}`,
      role: options.role ?? 'member',
      passwordHash: await hashPassword(password),
    })
    .returning({ userId: users.id, email: users.email, name: users.name, role: users.role });
  if (!row) throw new Error('seedUser: insert returned no row');
  const { token } = await createSession(db, row.userId);
  return { ...row, password, cookie: `${sessionCookieName}=${token}` };
}

/** Inserts a folder with the given members (userId → folder role). */
export async function seedFolder(db: Db, name: string, members: Record<string, 'folder_admin' | 'member'>): Promise<string> {
  const [folder] = await db.insert(folders).values({ name }).returning({ id: folders.id });
  if (!folder) throw new Error('seedFolder: insert returned no row');
  const rows = Object.entries(members).map(([userId, role]) => ({ folderId: folder.id, userId, role }));
  if (rows.length > 0) await db.insert(folderMembers).values(rows);
  return folder.id;
}
