import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { apiKeys, folderMembers, users } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { requireFolderRole } from './folder-access.ts';
import type { Viewer } from './sessions.ts';

type StoredApiKey = typeof apiKeys.$inferSelect;

/** What a person sees of a key: never its secret, which exists only in the answer that created it. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the secret, to tell keys apart. */
  prefix: string;
  kind: 'user' | 'folder';
  folderId: string | null;
  folderIds: string[];
  personal: boolean;
  access: 'read' | 'write';
  createdBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyInput {
  name: string;
  access: 'read' | 'write';
  /** A folder key: for this folder, made by one of its admins. */
  folderId?: string | undefined;
  /** A user key: the folders it reaches (of those its user is in). */
  folderIds?: string[] | undefined;
  /** A user key: whether it reaches its user's personal connections, pages and bookings. */
  personal?: boolean | undefined;
  expiresAt?: Date | undefined;
}

const secretPrefix = 'confer_';
/** last_used_at is for people; writing it more than once a minute would only add load. */
const lastUseResolutionMs = 60_000;

export const hashApiKey = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

const administersAll = (viewer: Viewer) => viewer.role === 'owner' || viewer.role === 'admin';

function toView(key: StoredApiKey, creatorName: string): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    kind: key.folderId ? 'folder' : 'user',
    folderId: key.folderId,
    folderIds: key.folderIds,
    personal: key.personal,
    access: key.access,
    createdBy: { id: key.createdBy, name: creatorName },
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Creates a key and returns its secret, once: only its hash is stored. A folder key needs the
 * folder's admin; a user key may reach only folders its user can see.
 */
export async function createApiKey(db: Db, viewer: Viewer, input: ApiKeyInput): Promise<{ key: ApiKeyView; secret: string }> {
  if (input.expiresAt && input.expiresAt <= new Date()) {
    throw new ConferError('VALIDATION_FAILED', 'expiresAt: must be in the future', { errors: [{ field: 'expiresAt', message: 'must be in the future' }] });
  }
  let folderIds: string[];
  let personal: boolean;
  if (input.folderId) {
    if (input.folderIds?.length || input.personal) {
      throw new ConferError('VALIDATION_FAILED', 'A folder key reaches its folder only: leave out folderIds and personal.', { errors: [{ field: 'folderId', message: 'cannot be combined with folderIds or personal' }] });
    }
    await requireFolderRole(db, viewer, input.folderId, 'folder_admin');
    folderIds = [input.folderId];
    personal = false;
  } else {
    folderIds = [...new Set(input.folderIds ?? [])];
    for (const folderId of folderIds) await requireFolderRole(db, viewer, folderId, 'member');
    personal = input.personal ?? true;
    if (!personal && folderIds.length === 0) {
      throw new ConferError('VALIDATION_FAILED', 'The key would reach nothing: give it folders, personal access, or both.', { errors: [{ field: 'folderIds', message: 'name at least one folder, or set personal' }] });
    }
  }
  const secret = secretPrefix + randomBytes(32).toString('base64url');
  const [key] = await db.insert(apiKeys).values({
    name: input.name.trim(),
    createdBy: viewer.userId,
    folderId: input.folderId ?? null,
    folderIds,
    personal,
    access: input.access,
    prefix: secret.slice(0, secretPrefix.length + 6),
    secretHash: hashApiKey(secret),
    expiresAt: input.expiresAt ?? null,
  }).returning();
  return { key: toView(key!, viewer.name), secret };
}

/**
 * The keys a person may see and revoke: their own, their folders' keys where they are an admin,
 * and every key for the workspace's owners and admins.
 */
export async function listApiKeys(db: Db, viewer: Viewer): Promise<ApiKeyView[]> {
  const administeredFolders = db.select({ id: folderMembers.folderId }).from(folderMembers)
    .where(and(eq(folderMembers.userId, viewer.userId), eq(folderMembers.role, 'folder_admin')));
  const rows = await db.select({ key: apiKeys, creatorName: users.name }).from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(administersAll(viewer) ? undefined : or(eq(apiKeys.createdBy, viewer.userId), inArray(apiKeys.folderId, administeredFolders)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => toView(row.key, row.creatorName));
}

/** Revokes a key at once (a second revoke changes nothing). One the person may not see is NOT_FOUND. */
export async function revokeApiKey(db: Db, viewer: Viewer, keyId: string): Promise<ApiKeyView> {
  const visible = (await listApiKeys(db, viewer)).find((key) => key.id === keyId);
  if (!visible) throw new ConferError('NOT_FOUND', 'No such API key.');
  if (visible.revokedAt) return visible;
  const [revoked] = await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))).returning();
  return revoked ? toView(revoked, visible.createdBy.name) : visible;
}

/**
 * The viewer an API key stands for, or undefined when it is unknown, revoked or expired. A folder
 * key acts as its folder's admin and nothing more, so it carries no workspace role.
 */
export async function findApiKeyViewer(db: Db, secret: string): Promise<Viewer | undefined> {
  if (!secret.startsWith(secretPrefix)) return undefined;
  const now = new Date();
  const [row] = await db.select({ key: apiKeys, user: { id: users.id, email: users.email, name: users.name, role: users.role } }).from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.secretHash, hashApiKey(secret)), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
    .limit(1);
  if (!row) return undefined;
  const { key, user } = row;
  // A key in steady use writes nothing: the row just read says whether a minute has passed.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= lastUseResolutionMs) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now))));
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: key.folderId ? 'member' : user.role,
    sessionTokenHash: '',
    apiKey: { id: key.id, access: key.access, folderIds: key.folderIds, folderKey: key.folderId !== null, personal: key.personal },
  };
}
