import { and, eq, ne } from 'drizzle-orm';
import { connections, zoomMeetingsSeen, zoomTokenFamilies } from '../core/database/schema.ts';
import type { StoredConnection } from './connection-access.ts';
import { recordConnectionEvent } from './connection-events.ts';
import type { ConnectionNotifier } from './connections-runtime.ts';
import type { StoredTokenFamily } from './token-families.ts';
import type { Transaction } from '../core/database/database.ts';

/**
 * Zoom stopped accepting a family's tokens: every active connection on it now needs
 * re-authorization, says why, and its owner is told once (the email commits with the change).
 */
export async function markFamilyNeedsReauthorization(tx: Transaction, notifier: ConnectionNotifier, family: Pick<StoredTokenFamily, 'id'>, reason: string): Promise<StoredConnection[]> {
  await tx.update(zoomTokenFamilies).set({ status: 'needs_reauthorization', lastError: reason }).where(eq(zoomTokenFamilies.id, family.id));
  const affected = await tx
    .update(connections)
    .set({ status: 'needs_reauthorization', lastError: reason, updatedAt: new Date() })
    .where(and(eq(connections.tokenFamilyId, family.id), ne(connections.status, 'needs_reauthorization')))
    .returning();
  for (const connection of affected) {
    await recordConnectionEvent(tx, connection, 'needs_reauthorization', null, { reason });
    await notifier.needsReauthorization(tx, connection, reason);
  }
  return affected;
}

/**
 * The Zoom user removed Confer's app (`app_deauthorized`): their connections through that app are
 * revoked, and what Confer held of them — tokens, name, email, scopes — is deleted, as Zoom requires.
 * The opaque Zoom user id stays so a later connect of the same user renews the same connection.
 */
export async function revokeZoomUser(tx: Transaction, notifier: ConnectionNotifier, clientId: string, zoomUserId: string, at: Date): Promise<StoredConnection[]> {
  const before = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.clientId, clientId), eq(connections.zoomUserId, zoomUserId), ne(connections.status, 'revoked')))
    .for('update');
  await tx.delete(zoomTokenFamilies).where(and(eq(zoomTokenFamilies.clientId, clientId), eq(zoomTokenFamilies.zoomUserId, zoomUserId)));
  await tx.delete(zoomMeetingsSeen).where(eq(zoomMeetingsSeen.zoomUserId, zoomUserId));
  const reason = `Removed from Zoom by the Zoom user on ${at.toISOString().slice(0, 10)}`;
  const revoked: StoredConnection[] = [];
  for (const connection of before) {
    const [row] = await tx
      .update(connections)
      .set({ status: 'revoked', tokenFamilyId: null, zoomEmail: null, zoomName: null, zoomAccountId: null, scopes: [], lastError: reason, updatedAt: new Date() })
      .where(eq(connections.id, connection.id))
      .returning();
    if (!row) continue;
    revoked.push(row);
    await recordConnectionEvent(tx, row, 'revoked', null, { reason });
    // The owner hears of it with the details Confer had, since those are gone from the row now.
    await notifier.revokedInZoom(tx, connection);
  }
  return revoked;
}
