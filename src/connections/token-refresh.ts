import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import type { Db, Transaction } from '../core/database/database.ts';
import { zoomTokenFamilies } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import {
  saveRefreshedFamily, unsealAccessToken, unsealRefreshToken,
  type AccessGrant, type IssuedTokens, type StoredTokenFamily,
} from './token-families.ts';

/** An OAuth app's credentials, resolved (secret unsealed or read from its credential asset). */
export interface OAuthAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** What a failed token call means for the family. */
export type TokenFailureVerdict =
  | { kind: 'reauthorize'; reason: string }
  | { kind: 'retry_later'; reason: string; retryAfterMs?: number }
  | { kind: 'permanent'; reason: string };

export interface TokenRefreshDependencies {
  db: Db;
  ring: KeyRing;
  logger: Logger;
  appCredentials(family: StoredTokenFamily): Promise<OAuthAppCredentials>;
  /** Calls Zoom's token endpoint with the refresh_token grant. */
  refresh(app: OAuthAppCredentials, refreshToken: string): Promise<IssuedTokens>;
  classify(error: unknown): TokenFailureVerdict;
  /** Marks the family and its connections as needing re-authorization and tells their owners. */
  onNeedsReauthorization(tx: Transaction, family: StoredTokenFamily, reason: string): Promise<void>;
  /** Refresh this long before the access token expires (default 5 minutes). */
  marginMs?: number;
  now?: () => Date;
}

export interface RefreshOptions {
  /** The token Zoom just answered 124 for; never handed out again. */
  rejectedToken?: string;
  /** Refresh when the family was last refreshed before this (keeps unused refresh tokens alive). */
  staleBefore?: Date;
}

export interface TokenRefresher {
  /**
   * A valid access token for the family. `rejectedToken` is the token Zoom just answered 124 for:
   * it is never returned again, so the caller's retry uses a fresh one.
   */
  accessToken(familyId: string, options?: RefreshOptions): Promise<AccessGrant>;
}

const needsReauthorization = (detail: string, cause?: unknown) =>
  new ConferError('CONNECTION_NEEDS_REAUTHORIZATION', detail, { cause });

/**
 * Single-flight refresh in three layers: one promise per family in this process, a row lock in
 * PostgreSQL across processes, and a re-read inside the lock so whoever waited uses the pair the
 * first one committed instead of spending the (single-use) refresh token a second time.
 */
export function createTokenRefresher(deps: TokenRefreshDependencies): TokenRefresher {
  const marginMs = deps.marginMs ?? 5 * 60 * 1000;
  const now = deps.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<AccessGrant>>();

  const usable = (family: StoredTokenFamily, { rejectedToken, staleBefore }: RefreshOptions): AccessGrant | undefined => {
    if (family.status !== 'active') {
      throw needsReauthorization(`Zoom no longer accepts this connection (${family.lastError ?? 'authorization withdrawn'}). Re-authorize it.`);
    }
    if (family.accessExpiresAt.getTime() - marginMs <= now().getTime()) return undefined;
    if (staleBefore && family.refreshedAt.getTime() < staleBefore.getTime()) return undefined;
    const accessToken = unsealAccessToken(deps.ring, family);
    if (accessToken === rejectedToken) return undefined;
    return { familyId: family.id, accessToken, expiresAt: family.accessExpiresAt, version: family.version };
  };

  async function refreshUnderLock(familyId: string, options: RefreshOptions): Promise<AccessGrant> {
    let verdict: TokenFailureVerdict | undefined;
    let failure: unknown;
    const grant = await deps.db.transaction(async (tx) => {
      // Waiting longer than a token call can take means something is stuck: fail, the caller retries.
      await tx.execute(sql`SET LOCAL lock_timeout = '30s'`);
      const [family] = await tx.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, familyId)).for('update');
      if (!family) throw needsReauthorization('This connection has no Zoom authorization any more. Connect it again.');
      const current = usable(family, options);
      if (current) return current;
      const app = await deps.appCredentials(family);
      try {
        const tokens = await deps.refresh(app, unsealRefreshToken(deps.ring, family));
        const refreshed = await saveRefreshedFamily(tx, deps.ring, family, tokens);
        deps.logger.info({ tokenFamilyId: family.id, version: refreshed.version }, 'Zoom token family refreshed');
        return refreshed;
      } catch (error) {
        verdict = deps.classify(error);
        failure = error;
        if (verdict.kind !== 'reauthorize') throw error;
        await deps.onNeedsReauthorization(tx, family, verdict.reason);
        return undefined;
      }
    }).catch((error: unknown) => {
      if (error === failure && verdict) {
        deps.logger.warn({ tokenFamilyId: familyId, reason: verdict.reason }, 'Zoom token refresh failed; will retry');
        throw new ConferError(
          verdict.kind === 'retry_later' ? 'ZOOM_UNREACHABLE' : 'ZOOM_REQUEST_FAILED',
          `Zoom did not refresh the connection’s token: ${verdict.reason}.`,
          { cause: error },
        );
      }
      throw error;
    });
    if (!grant) {
      deps.logger.warn({ tokenFamilyId: familyId, reason: verdict?.reason }, 'Zoom refused the refresh token: connection needs re-authorization');
      throw needsReauthorization(`Zoom refused to refresh this connection (${verdict?.reason ?? 'invalid grant'}). Re-authorize it.`, failure);
    }
    return grant;
  }

  return {
    async accessToken(familyId, options = {}) {
      const [family] = await deps.db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, familyId));
      if (!family) throw needsReauthorization('This connection has no Zoom authorization any more. Connect it again.');
      const current = usable(family, options);
      if (current) return current;
      let pending = inFlight.get(familyId);
      if (!pending) {
        pending = refreshUnderLock(familyId, options).finally(() => inFlight.delete(familyId));
        inFlight.set(familyId, pending);
      }
      return pending;
    },
  };
}
