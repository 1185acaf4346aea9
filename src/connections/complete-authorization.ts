import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import { connections } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { StoredConnection } from './connection-access.ts';
import { recordConnectionEvent } from './connection-events.ts';
import { oauthCallbackUrl, zoomConnector } from './connectors.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { oauthAppContext, resolveOAuthApp } from './oauth-apps.ts';
import { claimOAuthState, type ClaimedState } from './oauth-states.ts';
import { waitingOutShortLimits } from './rate-limit-waits.ts';
import { saveAuthorizedFamily } from './token-families.ts';
import type { Transaction } from '../core/database/database.ts';
import type { ZoomProfile } from './zoom-port.ts';

export interface CompletedAuthorization {
  connectionId: string;
  folderId: string | null;
  outcome: 'created' | 'reauthorized';
}

/**
 * Zoom's redirect back to Confer: claims the state, exchanges the code, reads who signed in, and
 * stores the token family and the connection in one transaction. A connection of the same Zoom
 * user on the same target is re-authorized in place; every other connection of that user through
 * the same app keeps working, because they all share the family that now holds the new pair.
 */
export async function completeAuthorization(runtime: ConnectionsRuntime, viewer: Viewer | null, callbackUrl: URL): Promise<CompletedAuthorization> {
  const { db } = runtime.services.database;
  const claimed = await claimOAuthState(db, runtime.services.keyRing, callbackUrl.searchParams.get('state') ?? undefined, viewer);
  const redirectUri = oauthCallbackUrl(runtime.services.config.publicUrl);
  const app = await resolveOAuthApp(oauthAppContext(runtime), claimed.oauthClientId);
  let tokens;
  try {
    tokens = await runtime.zoom.exchangeCode({ app, callbackUrl, redirectUri, codeVerifier: claimed.codeVerifier });
  } catch (error) {
    throw runtime.zoom.explainAuthorizationFailure(error, { callbackUrl: redirectUri });
  }
  const accessToken = tokens.accessToken;
  const profile = await waitingOutShortLimits(runtime.zoom.classify, () => runtime.zoom.fetchProfile(accessToken)).catch((error: unknown) => {
    throw runtime.zoom.explainAuthorizationFailure(error, { callbackUrl: redirectUri });
  });

  const completed = await db.transaction(async (tx) => {
    const familyId = await saveAuthorizedFamily(tx, runtime.services.keyRing, {
      clientId: claimed.clientId,
      zoomUserId: profile.id,
      zoomAccountId: profile.accountId,
      oauthClientId: claimed.oauthClientId,
    }, tokens);
    const existing = await findConnectionToReauthorize(tx, claimed, profile);
    const fields = {
      tokenFamilyId: familyId,
      oauthClientId: claimed.oauthClientId,
      zoomUserId: profile.id,
      zoomAccountId: profile.accountId,
      zoomEmail: profile.email,
      zoomName: profile.name,
      scopes: tokens.scopes,
      status: 'active' as const,
      lastError: null,
      updatedAt: new Date(),
    };
    let connection: StoredConnection;
    if (existing) {
      [connection] = (await tx.update(connections).set(fields).where(eq(connections.id, existing.id)).returning()) as [StoredConnection];
      await recordConnectionEvent(tx, connection, 'reauthorized', claimed.userId, { zoomEmail: profile.email, scopes: tokens.scopes.join(' ') });
    } else {
      [connection] = (await tx.insert(connections).values({
        connector: zoomConnector.id,
        name: claimed.connectionName ?? defaultName(claimed, profile),
        authType: claimed.authType,
        ownerUserId: claimed.userId,
        folderId: claimed.folderId,
        clientId: claimed.clientId,
        createdBy: claimed.userId,
        ...fields,
      }).returning()) as [StoredConnection];
      await recordConnectionEvent(tx, connection, 'created', claimed.userId, { authType: claimed.authType });
      await recordConnectionEvent(tx, connection, 'authorized', claimed.userId, { zoomEmail: profile.email, scopes: tokens.scopes.join(' ') });
    }
    // Connections elsewhere that share the family and were waiting for re-authorization work again.
    const revived = await tx
      .update(connections)
      .set({ status: 'active', lastError: null, updatedAt: new Date() })
      .where(and(eq(connections.tokenFamilyId, familyId), ne(connections.id, connection.id), eq(connections.status, 'needs_reauthorization')))
      .returning();
    for (const other of revived) await recordConnectionEvent(tx, other, 'reauthorized', claimed.userId, { via: connection.id });
    return { connectionId: connection.id, folderId: connection.folderId, outcome: existing ? 'reauthorized' as const : 'created' as const, working: [connection.id, ...revived.map((c) => c.id)] };
  });
  for (const listener of runtime.afterAuthorization) {
    // The authorization is committed; a listener's failure must not turn it into an error page.
    await listener(completed.working).catch((error: unknown) => runtime.services.logger.error({ err: error }, 'work waiting on a re-authorized connection could not be resumed'));
  }
  return { connectionId: completed.connectionId, folderId: completed.folderId, outcome: completed.outcome };
}

/** The connection this authorization renews: the one re-authorized, or the same user's on the target. */
async function findConnectionToReauthorize(tx: Transaction, claimed: ClaimedState, profile: ZoomProfile): Promise<StoredConnection | undefined> {
  if (claimed.connectionId) {
    const [connection] = await tx.select().from(connections).where(eq(connections.id, claimed.connectionId)).for('update');
    if (!connection) throw new ConferError('NOT_FOUND', 'The connection being re-authorized was deleted meanwhile. Add it again.');
    if (connection.zoomUserId && connection.zoomUserId !== profile.id) {
      throw new ConferError(
        'ZOOM_ACCOUNT_MISMATCH',
        `You signed in to Zoom as ${profile.email}, but this connection belongs to ${connection.zoomEmail ?? 'another Zoom user'}. Sign out of Zoom, then re-authorize as that user, or add a new connection.`,
      );
    }
    return connection;
  }
  const [connection] = await tx
    .select()
    .from(connections)
    .where(and(
      eq(connections.connector, zoomConnector.id),
      eq(connections.clientId, claimed.clientId),
      eq(connections.zoomUserId, profile.id),
      claimed.folderId
        ? eq(connections.folderId, claimed.folderId)
        : and(isNull(connections.folderId), eq(connections.ownerUserId, claimed.userId)),
    ))
    .for('update');
  return connection;
}

function defaultName(claimed: ClaimedState, profile: ZoomProfile): string {
  return claimed.folderId ? `Zoom (${profile.email})`.slice(0, 120) : 'Zoom';
}
