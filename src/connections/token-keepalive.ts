import { and, eq, lt } from 'drizzle-orm';
import { zoomTokenFamilies } from '../core/database/schema.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';

export const tokenKeepaliveQueue = 'zoom-token-keepalive';

/**
 * Zoom's refresh-token lifetime is not reliably known (15 years in old docs, about 90 days in new
 * ones), so a family nobody used for a week is refreshed anyway: an idle host's connection then
 * never expires behind their back.
 */
export const keepaliveAfterMs = 7 * 24 * 3600 * 1000;

/** Refreshes every active family last refreshed before the keep-alive age; returns how many. */
export async function keepTokenFamiliesAlive(runtime: ConnectionsRuntime, now = new Date()): Promise<{ refreshed: number; failed: number }> {
  const staleBefore = new Date(now.getTime() - keepaliveAfterMs);
  const stale = await runtime.services.database.db
    .select({ id: zoomTokenFamilies.id })
    .from(zoomTokenFamilies)
    .where(and(eq(zoomTokenFamilies.status, 'active'), lt(zoomTokenFamilies.refreshedAt, staleBefore)));
  let refreshed = 0;
  let failed = 0;
  for (const family of stale) {
    try {
      await runtime.refresher.accessToken(family.id, { staleBefore });
      refreshed++;
    } catch (error) {
      // One family's trouble (already marked and its owner told, or Zoom down) must not stop the rest.
      failed++;
      runtime.services.logger.warn({ err: error, tokenFamilyId: family.id }, 'keep-alive refresh failed');
    }
  }
  return { refreshed, failed };
}
