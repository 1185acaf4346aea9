import { eq } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import { connections } from '../core/database/schema.ts';
import { isConferError } from '../core/errors/confer-error.ts';
import { callZoom } from './call-zoom.ts';
import type { StoredConnection } from './connection-access.ts';
import { recordConnectionEvent } from './connection-events.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import type { ZoomProfile } from './zoom-port.ts';

/**
 * **Test**: asks Zoom who the connection acts for (`GET /users/me`) through the same path every
 * other call takes (refresh included), refreshes the cached profile, and logs the outcome.
 */
export async function testConnection(runtime: ConnectionsRuntime, viewer: Viewer, connection: StoredConnection): Promise<{ zoomUser: ZoomProfile; testedAt: Date }> {
  const { db } = runtime.services.database;
  try {
    const profile = await callZoom(runtime, connection.id, (token) => runtime.zoom.fetchProfile(token));
    const testedAt = new Date();
    await db.transaction(async (tx) => {
      await tx
        .update(connections)
        .set({ zoomEmail: profile.email, zoomName: profile.name, zoomAccountId: profile.accountId, lastError: null, updatedAt: testedAt })
        .where(eq(connections.id, connection.id));
      await recordConnectionEvent(tx, connection, 'tested', viewer.userId, { ok: true, zoomEmail: profile.email });
    });
    return { zoomUser: profile, testedAt };
  } catch (error) {
    const reason = isConferError(error) ? error.message : 'unexpected failure';
    await db.transaction(async (tx) => {
      if (isConferError(error) && error.code !== 'CONNECTION_NEEDS_REAUTHORIZATION' && error.code !== 'CONNECTION_REVOKED') {
        await tx.update(connections).set({ lastError: reason }).where(eq(connections.id, connection.id));
      }
      await recordConnectionEvent(tx, connection, 'tested', viewer.userId, { ok: false, code: isConferError(error) ? error.code : 'INTERNAL' });
    });
    throw error;
  }
}
