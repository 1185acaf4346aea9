import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { sessions, users } from '../core/database/schema.ts';

export const sessionCookieName = 'confer_session';
const sessionLifetimeMs = 30 * 24 * 3600 * 1000;

/** Who is making a request: a signed-in user. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  /** SHA-256 of the session token, which binds OAuth states to this session ('' for an API key). */
  sessionTokenHash: string;
  /** Set when the request came with an API key: what the key may reach and do. */
  apiKey?: ApiKeyReach;
}

/** An API key's limits, on top of its user's own rights. */
export interface ApiKeyReach {
  id: string;
  access: 'read' | 'write';
  /** The folders the key reaches; a folder key reaches its one folder, as that folder's admin. */
  folderIds: string[];
  folderKey: boolean;
  /** Whether the key reaches its user's personal connections, booking pages and bookings. */
  personal: boolean;
}

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Opens a session for a user; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.insert(sessions).values({ tokenHash: hashSessionToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** The viewer a session token stands for, or undefined when it is unknown or expired. */
export async function findViewer(db: Db, token: string): Promise<Viewer | undefined> {
  const tokenHash = hashSessionToken(token);
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row ? { ...row, sessionTokenHash: tokenHash } : undefined;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashSessionToken(token)));
}
