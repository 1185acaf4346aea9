import type { Viewer } from '../../accounts/sessions.ts';
import { ConferError, isConferError } from '../../core/errors/confer-error.ts';
import type { ZoomFeature } from '../../providers/zoom/scopes.ts';
import { usableFamily } from '../call-zoom.ts';
import { requireConnection, type StoredConnection } from '../connection-access.ts';
import type { ConnectionsRuntime } from '../connections-runtime.ts';
import { zoomConnectionCalls, type ZoomConnectionCalls } from '../zoom-connection-calls.ts';
import { unusableFeatures } from '../zoom-scope-answers.ts';

/** What every Zoom action works with: the connections domain and the shared ways through a connection to Zoom. */
export interface ZoomActionContext {
  runtime: ConnectionsRuntime;
  calls: ZoomConnectionCalls;
}

export function zoomActionContext(runtime: ConnectionsRuntime): ZoomActionContext {
  return { runtime, calls: zoomConnectionCalls(runtime) };
}

/**
 * The connection, once the viewer may use it (one they may not see is NOT_FOUND), it can call Zoom
 * at all, and its grant may cover every feature the action `needs`: a scope it plainly lacks, or
 * one Zoom recently refused it, is refused before Zoom is called, naming what to add. A classic
 * write scope that may also read is tried (see zoom-scope-answers.ts).
 */
export async function requireZoomAction(ctx: ZoomActionContext, viewer: Viewer, connectionId: string, needs: readonly ZoomFeature[]): Promise<StoredConnection> {
  const { connection } = await requireConnection(ctx.runtime.services.database.db, viewer, connectionId, 'use');
  usableFamily(connection);
  const unusable = await unusableFeatures(ctx.runtime.services.database.db, connection, needs);
  if (unusable.length > 0) {
    const names = unusable.map((entry) => `${entry.label} (any one of ${entry.anyOf.join(', ')}${entry.refusedByZoom ? '; Zoom refused it to this connection' : ''})`).join('; ');
    throw new ConferError(
      'ZOOM_SCOPE_MISSING',
      `The Zoom connection “${connection.name}” was not granted what this needs: ${names}. Add the scope to the Zoom app, then re-authorize the connection. Zoom was not called.`,
      { missingScopes: unusable.map(({ feature, label, anyOf }) => ({ feature, label, anyOf: [...anyOf] })) },
    );
  }
  return connection;
}

/**
 * Runs an action's Zoom call. When Zoom refuses it for a scope the grant was taken to cover, the
 * refusal is now remembered, and the answer is the one requireZoomAction gives from then on (naming
 * the feature and its scopes), except that Zoom was called; otherwise the failure passes unchanged.
 */
export async function learningScopes<T>(
  ctx: ZoomActionContext, viewer: Viewer, connectionId: string, needs: readonly ZoomFeature[], call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isConferError(error) || error.code !== 'ZOOM_SCOPE_MISSING' || error.missingScopes) throw error;
    const { connection } = await requireConnection(ctx.runtime.services.database.db, viewer, connectionId, 'use');
    const refused = (await unusableFeatures(ctx.runtime.services.database.db, connection, needs)).filter((entry) => entry.refusedByZoom);
    if (refused.length === 0) throw error;
    const names = refused.map((entry) => `${entry.label} (any one of ${entry.anyOf.join(', ')})`).join('; ');
    throw new ConferError(
      'ZOOM_SCOPE_MISSING',
      `Zoom refused the Zoom connection “${connection.name}” what this needs: ${names}. Add the scope to the Zoom app, then re-authorize the connection.`,
      { cause: error, missingScopes: refused.map(({ feature, label, anyOf }) => ({ feature, label, anyOf: [...anyOf] })) },
    );
  }
}
