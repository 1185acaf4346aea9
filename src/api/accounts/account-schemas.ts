import { z } from 'zod';

// The accounts API's schemas: who is signed in, users, folders and their members.

const role = z.enum(['owner', 'admin', 'member']);
const folderRole = z.enum(['folder_admin', 'member']);
/** A person's, workspace's or folder's name: up to 120 characters, not only spaces. */
const displayName = z.string().min(1, 'is required').max(120).regex(/\S/, 'must not be blank');
const emailAddress = z.email('an email address such as you@example.com').max(254);
const newPassword = z.string().min(12, 'at least 12 characters').max(200);

export const meView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role,
  workspaceName: z.string().nullable(),
});

export const setupBody = z.object({ workspaceName: displayName, name: displayName, email: emailAddress, password: newPassword }).strict();

export const signInBody = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) }).strict();

export const userView = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role, createdAt: z.iso.datetime() });

export const createUserBody = z.object({
  name: displayName,
  email: emailAddress,
  role: role.describe('Admins add admins and members; only owners add owners'),
  password: newPassword,
}).strict();

export const folderView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: folderRole.describe('The caller’s role in the folder'),
  createdAt: z.iso.datetime(),
});

export const createFolderBody = z.object({ name: displayName }).strict();

export const memberView = z.object({ userId: z.uuid(), name: z.string(), email: z.string(), role: folderRole });

export const putMemberBody = z.object({ userId: z.uuid('a user id'), role: folderRole }).strict();

export const folderParams = z.object({ id: z.uuid('a folder id') });
export const memberParams = z.object({ id: z.uuid('a folder id'), userId: z.uuid('a user id') });
