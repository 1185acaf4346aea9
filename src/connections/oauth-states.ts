import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import { seal, unseal } from '../core/crypto/envelope.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { columnContext } from '../core/crypto/sealed-columns.ts';
import type { Db } from '../core/database/database.ts';
import { oauthStates, type AuthType } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';

/** How long a person has between pressing Connect and coming back from Zoom. */
export const stateLifetimeMs = 10 * 60 * 1000;

/** What an authorization in flight is for; fixed when it starts and checked when it returns. */
export interface AuthorizationIntent {
  folderId: string | null;
  authType: AuthType;
  clientId: string;
  oauthClientId: string | null;
  /** Set when re-authorizing an existing connection. */
  connectionId: string | null;
  connectionName: string | null;
}

export interface ClaimedState extends AuthorizationIntent {
  userId: string;
  codeVerifier: string;
}

const hashState = (state: string): string => createHash('sha256').update(state).digest('base64url');

/** Records a new authorization for the viewer's session; returns the `state` to send to Zoom. */
export async function createOAuthState(db: Db, ring: KeyRing, viewer: Viewer, intent: AuthorizationIntent, codeVerifier: string, now = new Date()): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  const stateHash = hashState(state);
  await db.insert(oauthStates).values({
    stateHash,
    sessionTokenHash: viewer.sessionTokenHash,
    userId: viewer.userId,
    ...intent,
    codeVerifierSealed: seal(ring, codeVerifier, columnContext('oauth_states', stateHash, 'code_verifier_sealed')),
    createdAt: now,
    expiresAt: new Date(now.getTime() + stateLifetimeMs),
  });
  // Old states are worthless; sweeping them here keeps the table small without a job.
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date(now.getTime() - stateLifetimeMs)));
  return state;
}

const invalid = (why: string) =>
  new ConferError('OAUTH_STATE_INVALID', `${why} Nothing was connected; start again from Confer with Connect.`);

/**
 * Claims a state exactly once. The claim is one atomic UPDATE, so two callbacks racing with the same
 * state cannot both pass; a state that turns out expired or from another session is spent anyway.
 */
export async function claimOAuthState(db: Db, ring: KeyRing, state: string | undefined, viewer: Viewer | null, now = new Date()): Promise<ClaimedState> {
  if (!state) throw invalid('Zoom sent Confer back without the state of the authorization.');
  const stateHash = hashState(state);
  const [row] = await db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
    .returning();
  if (!row) {
    const [spent] = await db.select({ usedAt: oauthStates.usedAt }).from(oauthStates).where(eq(oauthStates.stateHash, stateHash));
    throw invalid(spent ? 'This authorization link was already used.' : 'This authorization link is not one Confer started.');
  }
  if (row.expiresAt.getTime() <= now.getTime()) throw invalid('This authorization took longer than 10 minutes and expired.');
  if (!viewer || viewer.sessionTokenHash !== row.sessionTokenHash) {
    throw invalid('This authorization was started in another browser session. Sign in to Confer in this browser and connect from here.');
  }
  return {
    userId: row.userId,
    folderId: row.folderId,
    authType: row.authType,
    clientId: row.clientId,
    oauthClientId: row.oauthClientId,
    connectionId: row.connectionId,
    connectionName: row.connectionName,
    codeVerifier: unseal(ring, row.codeVerifierSealed, columnContext('oauth_states', stateHash, 'code_verifier_sealed')),
  };
}
