import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { seal, unseal, type Sealed } from '../core/crypto/envelope.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { columnContext } from '../core/crypto/sealed-columns.ts';
import type { Db } from '../core/database/database.ts';
import { zoomTokenFamilies } from '../core/database/schema.ts';

/** A token pair as Zoom issued it, before it is sealed. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scopes: string[];
}

/** The family's row as stored: tokens sealed, never plain. */
export type StoredTokenFamily = typeof zoomTokenFamilies.$inferSelect;

/** A usable access token and the family version it came from. */
export interface AccessGrant {
  familyId: string;
  accessToken: string;
  expiresAt: Date;
  version: number;
}

type Executor = Pick<Db, 'select' | 'insert' | 'update'>;

const sealAccess = (ring: KeyRing, familyId: string, token: string): Sealed =>
  seal(ring, token, columnContext('zoom_token_families', familyId, 'access_token_sealed'));
const sealRefresh = (ring: KeyRing, familyId: string, token: string): Sealed =>
  seal(ring, token, columnContext('zoom_token_families', familyId, 'refresh_token_sealed'));

export const unsealAccessToken = (ring: KeyRing, family: StoredTokenFamily): string =>
  unseal(ring, family.accessTokenSealed, columnContext('zoom_token_families', family.id, 'access_token_sealed'));
export const unsealRefreshToken = (ring: KeyRing, family: StoredTokenFamily): string =>
  unseal(ring, family.refreshTokenSealed, columnContext('zoom_token_families', family.id, 'refresh_token_sealed'));

const sealedPair = (ring: KeyRing, familyId: string, tokens: IssuedTokens) => ({
  accessTokenSealed: sealAccess(ring, familyId, tokens.accessToken),
  refreshTokenSealed: sealRefresh(ring, familyId, tokens.refreshToken),
  accessExpiresAt: tokens.expiresAt,
  scopes: tokens.scopes,
});

/**
 * Stores the tokens of a fresh authorization as the one family of (app, Zoom user). Zoom has just
 * revoked whatever pair the family held, so the new pair replaces it for every connection sharing
 * the family, and the family is active again. Returns the family id.
 */
export async function saveAuthorizedFamily(
  tx: Executor,
  ring: KeyRing,
  owner: { clientId: string; zoomUserId: string; zoomAccountId: string; oauthClientId: string | null },
  tokens: IssuedTokens,
): Promise<string> {
  const newId = randomUUID();
  // The ciphertext is bound to the row id, so the id must be known before sealing: try a new row
  // first, and on conflict seal again for the existing row while holding its lock.
  const [inserted] = await tx
    .insert(zoomTokenFamilies)
    .values({ id: newId, ...owner, ...sealedPair(ring, newId, tokens) })
    .onConflictDoNothing({ target: [zoomTokenFamilies.clientId, zoomTokenFamilies.zoomUserId] })
    .returning({ id: zoomTokenFamilies.id });
  if (inserted) return inserted.id;
  const [existing] = await tx
    .select({ id: zoomTokenFamilies.id })
    .from(zoomTokenFamilies)
    .where(and(eq(zoomTokenFamilies.clientId, owner.clientId), eq(zoomTokenFamilies.zoomUserId, owner.zoomUserId)))
    .for('update');
  if (!existing) throw new Error('token family vanished between insert and select');
  await tx
    .update(zoomTokenFamilies)
    .set({
      ...sealedPair(ring, existing.id, tokens),
      zoomAccountId: owner.zoomAccountId,
      oauthClientId: owner.oauthClientId,
      status: 'active',
      lastError: null,
      refreshedAt: new Date(),
      version: sql`${zoomTokenFamilies.version} + 1`,
    })
    .where(eq(zoomTokenFamilies.id, existing.id));
  return existing.id;
}

/**
 * Replaces a family's pair after a refresh, only if nobody changed the row since `version` was
 * read (the caller holds the row lock; the check makes a lost lock a loud failure, not a silent
 * overwrite with a dead refresh token).
 */
export async function saveRefreshedFamily(tx: Executor, ring: KeyRing, family: StoredTokenFamily, tokens: IssuedTokens): Promise<AccessGrant> {
  const updated = await tx
    .update(zoomTokenFamilies)
    .set({ ...sealedPair(ring, family.id, tokens), refreshedAt: new Date(), lastError: null, version: family.version + 1 })
    .where(and(eq(zoomTokenFamilies.id, family.id), eq(zoomTokenFamilies.version, family.version)))
    .returning({ version: zoomTokenFamilies.version });
  if (updated.length !== 1) throw new Error(`token family ${family.id} changed while its refresh lock was held`);
  return { familyId: family.id, accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, version: family.version + 1 };
}
