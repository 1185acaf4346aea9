import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { connections, zoomTokenFamilies } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { StoredConnection } from './connection-access.ts';
import { markFamilyNeedsReauthorization } from './connection-health.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { waitingOutShortLimits } from './rate-limit-waits.ts';
import type { AccessGrant } from './token-families.ts';
import { rememberScopeRefusal } from './zoom-scope-answers.ts';

/** last_used_at is for people; writing it more than once a minute would only add load. */
const lastUsedResolutionMs = 60_000;

/**
 * Runs one Zoom call through a connection with a valid access token: the rest of Confer's only way
 * to reach Zoom. A 124 answer forces one refresh and one retry; tokens Zoom disowned mark the
 * connection for re-authorization (unless the family already holds a newer pair, which is then
 * used); a scope Zoom says the token lacks is remembered for the family; every other failure comes
 * back classified as a catalogued error.
 */
export async function callZoom<T>(runtime: ConnectionsRuntime, connectionId: string, operation: (accessToken: string) => Promise<T>): Promise<T> {
  const { db } = runtime.services.database;
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!connection) throw new ConferError('NOT_FOUND', 'No such connection.');
  const familyId = usableFamily(connection);

  let grant = await runtime.refresher.accessToken(familyId);
  for (let attempt = 1; ; attempt++) {
    try {
      const token = grant.accessToken;
      const result = await waitingOutShortLimits(runtime.zoom.classify, () => operation(token));
      await touchLastUsed(runtime, connectionId);
      return result;
    } catch (error) {
      const verdict = runtime.zoom.classify(error);
      if (attempt === 1 && verdict.kind === 'refresh_now') {
        grant = await runtime.refresher.accessToken(familyId, { rejectedToken: grant.accessToken });
        continue;
      }
      if (verdict.kind === 'reauthorize' || verdict.kind === 'refresh_now') {
        const newer = attempt === 1 ? await newerGrant(runtime, grant) : undefined;
        if (newer) {
          grant = newer;
          continue;
        }
        if (verdict.kind === 'refresh_now') {
          throw new ConferError('ZOOM_REQUEST_FAILED', 'Zoom refused a freshly refreshed token for this connection. Try again; if it persists, re-authorize the connection.', { cause: error });
        }
        await db.transaction((tx) => markFamilyNeedsReauthorization(tx, runtime.notifier, { id: familyId }, verdict.reason));
        throw new ConferError('CONNECTION_NEEDS_REAUTHORIZATION', `Zoom no longer accepts this connection (${verdict.reason}). Re-authorize it.`, { cause: error });
      }
      if (verdict.kind === 'retry_later') {
        const retryAfterSeconds = verdict.retryAfterMs === undefined ? undefined : verdict.retryAfterMs / 1000;
        throw new ConferError(
          retryAfterSeconds === undefined ? 'ZOOM_UNREACHABLE' : 'ZOOM_RATE_LIMITED',
          `Zoom did not complete the request: ${verdict.reason.replace(/\.$/, '')}. Try again later.`,
          { cause: error, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
        );
      }
      if (verdict.kind === 'scope_missing') {
        await rememberScopeRefusal(db, familyId, verdict.missingScopes);
        throw new ConferError('ZOOM_SCOPE_MISSING', `${verdict.reason}. Add the scope to the Zoom app, then re-authorize the connection.`, { cause: error });
      }
      throw new ConferError('ZOOM_REQUEST_FAILED', `Zoom refused the request: ${verdict.reason}.`, { cause: error });
    }
  }
}

/** The connection's token family, or why the connection cannot call Zoom now (revoked, needs re-authorization). */
export function usableFamily(connection: StoredConnection): string {
  if (connection.status === 'revoked' || !connection.tokenFamilyId) {
    throw new ConferError('CONNECTION_REVOKED', 'This connection was removed in Zoom. Connect Zoom again to use it.');
  }
  if (connection.status === 'needs_reauthorization') {
    throw new ConferError('CONNECTION_NEEDS_REAUTHORIZATION', `This connection needs re-authorization${connection.lastError ? ` (${connection.lastError})` : ''}.`);
  }
  return connection.tokenFamilyId;
}

/** A pair newer than the one Zoom refused, if a re-authorization stored one meanwhile. */
async function newerGrant(runtime: ConnectionsRuntime, refused: AccessGrant): Promise<AccessGrant | undefined> {
  const [family] = await runtime.services.database.db
    .select({ version: zoomTokenFamilies.version, status: zoomTokenFamilies.status })
    .from(zoomTokenFamilies)
    .where(eq(zoomTokenFamilies.id, refused.familyId));
  if (!family || family.status !== 'active' || family.version <= refused.version) return undefined;
  return runtime.refresher.accessToken(refused.familyId, { rejectedToken: refused.accessToken });
}

async function touchLastUsed(runtime: ConnectionsRuntime, connectionId: string): Promise<void> {
  const now = new Date();
  await runtime.services.database.db
    .update(connections)
    .set({ lastUsedAt: now })
    .where(and(
      eq(connections.id, connectionId),
      or(isNull(connections.lastUsedAt), lt(connections.lastUsedAt, new Date(now.getTime() - lastUsedResolutionMs))),
    ));
}
