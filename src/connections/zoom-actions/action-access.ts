import type { Viewer } from '../../accounts/sessions.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { uncoveredFeatures, type ZoomFeature } from '../../providers/zoom/scopes.ts';
import { usableFamily } from '../call-zoom.ts';
import { requireConnection, type StoredConnection } from '../connection-access.ts';
import type { ConnectionsRuntime } from '../connections-runtime.ts';
import { zoomConnectionCalls, type ZoomConnectionCalls } from '../zoom-connection-calls.ts';

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
 * at all, and its granted scopes cover every feature the action `needs`. The scopes are checked
 * before Zoom is called, so a refusal costs no call and names what to add.
 */
export async function requireZoomAction(ctx: ZoomActionContext, viewer: Viewer, connectionId: string, needs: readonly ZoomFeature[]): Promise<StoredConnection> {
  const { connection } = await requireConnection(ctx.runtime.services.database.db, viewer, connectionId, 'use');
  usableFamily(connection);
  const missing = uncoveredFeatures(connection.scopes, needs);
  if (missing.length > 0) {
    const names = missing.map((entry) => `${entry.label} (any one of ${entry.anyOf.join(', ')})`).join('; ');
    throw new ConferError(
      'ZOOM_SCOPE_MISSING',
      `The Zoom connection “${connection.name}” was not granted what this needs: ${names}. Add the scope to the Zoom app, then re-authorize the connection. Zoom was not called.`,
      { missingScopes: missing.map(({ feature, label, anyOf }) => ({ feature, label, anyOf: [...anyOf] })) },
    );
  }
  return connection;
}
