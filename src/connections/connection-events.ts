import { desc, eq } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { connectionEvents, users, type ConnectionEventKind } from '../core/database/schema.ts';
import type { StoredConnection } from './connection-access.ts';

type Executor = Pick<Db, 'insert'>;

/** Appends to the connection's audit log; `detail` must never hold a token or secret. */
export async function recordConnectionEvent(
  tx: Executor,
  connection: Pick<StoredConnection, 'id' | 'folderId' | 'ownerUserId' | 'name'>,
  kind: ConnectionEventKind,
  actorUserId: string | null,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await tx.insert(connectionEvents).values({
    connectionId: connection.id,
    folderId: connection.folderId,
    ownerUserId: connection.ownerUserId,
    actorUserId,
    kind,
    // The name is kept with each event so the log still reads after the connection is deleted.
    detail: { connectionName: connection.name, ...detail },
  });
}

/** An audit entry as the API shows it. */
export interface ConnectionEventView {
  id: number;
  connectionId: string | null;
  kind: string;
  detail: Record<string, unknown>;
  actor: { id: string; name: string | null } | null;
  createdAt: string;
}

/** One connection's audit log, or (by folder) every connection event of a folder, newest first. */
export async function listConnectionEvents(db: Db, scope: { connectionId: string } | { folderId: string }, limit = 200): Promise<ConnectionEventView[]> {
  const rows = await db
    .select({
      id: connectionEvents.id,
      connectionId: connectionEvents.connectionId,
      kind: connectionEvents.kind,
      detail: connectionEvents.detail,
      createdAt: connectionEvents.createdAt,
      actorId: connectionEvents.actorUserId,
      actorName: users.name,
    })
    .from(connectionEvents)
    .leftJoin(users, eq(users.id, connectionEvents.actorUserId))
    .where('connectionId' in scope ? eq(connectionEvents.connectionId, scope.connectionId) : eq(connectionEvents.folderId, scope.folderId))
    .orderBy(desc(connectionEvents.createdAt), desc(connectionEvents.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    connectionId: row.connectionId,
    kind: row.kind,
    detail: row.detail as Record<string, unknown>,
    actor: row.actorId ? { id: row.actorId, name: row.actorName } : null,
    createdAt: row.createdAt.toISOString(),
  }));
}
