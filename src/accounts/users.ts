import { asc } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { users } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { hashPassword } from './password.ts';
import type { Viewer } from './sessions.ts';

export type Role = Viewer['role'];

/** A user as the API shows them (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

const columns = { id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt };
const view = (row: { id: string; email: string; name: string; role: Role; createdAt: Date }): UserView => ({ ...row, createdAt: row.createdAt.toISOString() });

const requireAdmin = (viewer: Viewer) => {
  if (viewer.role !== 'owner' && viewer.role !== 'admin') throw new ConferError('FORBIDDEN', 'Only the workspace’s owners and admins manage users.');
};

export async function listUsers(db: Db, viewer: Viewer): Promise<UserView[]> {
  requireAdmin(viewer);
  return (await db.select(columns).from(users).orderBy(asc(users.name))).map(view);
}

/** Adds a user; admins add admins and members, only owners add owners. */
export async function createUser(db: Db, viewer: Viewer, input: { name: string; email: string; role: Role; password: string }): Promise<UserView> {
  requireAdmin(viewer);
  if (input.role === 'owner' && viewer.role !== 'owner') throw new ConferError('FORBIDDEN', 'Only an owner can add another owner.');
  const [row] = await db
    .insert(users)
    .values({ name: input.name.trim(), email: input.email.trim().toLowerCase(), role: input.role, passwordHash: await hashPassword(input.password) })
    .onConflictDoNothing({ target: users.email })
    .returning(columns);
  if (!row) throw new ConferError('EMAIL_TAKEN', `There is already a user with the email ${input.email.trim().toLowerCase()}.`);
  return view(row);
}
