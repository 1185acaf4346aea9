import { sql } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import type { MissingScope } from '../core/errors/confer-error.ts';
import { featureCoverage, featuresNamed, type ZoomFeature } from '../providers/zoom/scopes.ts';

/**
 * What Zoom said about scopes a grant may or may not cover. Zoom describes classic `meeting:write`
 * as "View and manage" meetings, so Confer does not refuse a read from the scope list alone: it
 * tries, and when Zoom answers that the token lacks a scope (4711, 4700, 104), remembers it for the
 * token family, so that the next call is refused without asking Zoom again for a while. A grant
 * with other scopes (the app changed, then re-authorization) is not bound by an earlier answer.
 */

/** How long a refusal stands before Confer asks Zoom again (Zoom's rules may change; a call is cheap). */
export const scopeAnswerLifetimeHours = 24;

/** Notes that Zoom refused the family's current grant these scopes. */
export async function rememberScopeRefusal(db: Db, tokenFamilyId: string, scopes: readonly string[]): Promise<void> {
  for (const scope of new Set(scopes)) {
    await db.execute(sql`
      INSERT INTO zoom_scope_answers (token_family_id, scope, granted_scopes, answered_at)
      SELECT id, ${scope}, ARRAY(SELECT unnest(scopes) ORDER BY 1), now() FROM zoom_token_families WHERE id = ${tokenFamilyId}
      ON CONFLICT (token_family_id, scope) DO UPDATE SET granted_scopes = EXCLUDED.granted_scopes, answered_at = EXCLUDED.answered_at`);
  }
}

/** The scopes Zoom refused the family's current grant within the answer's lifetime. */
async function refusedScopes(db: Db, tokenFamilyId: string): Promise<Set<string>> {
  const result = await db.execute<{ scope: string }>(sql`
    SELECT a.scope FROM zoom_scope_answers a JOIN zoom_token_families f ON f.id = a.token_family_id
    WHERE a.token_family_id = ${tokenFamilyId}
      AND a.granted_scopes = ARRAY(SELECT unnest(f.scopes) ORDER BY 1)
      AND a.answered_at > now() - make_interval(hours => ${scopeAnswerLifetimeHours})`);
  return new Set(result.rows.map((row) => row.scope));
}

/** A feature the connection may not use, named in the scopes of its grant's kind. */
export interface UnusableFeature extends MissingScope {
  /** Zoom itself refused it to this grant (rather than the scope list lacking it outright). */
  refusedByZoom: boolean;
}

/**
 * The features of `needed` a connection may not use: those its grant plainly lacks, and those it
 * may cover that Zoom recently refused. Anything else may be tried.
 */
export async function unusableFeatures(
  db: Db, connection: { tokenFamilyId: string | null; scopes: readonly string[] }, needed: readonly ZoomFeature[],
): Promise<UnusableFeature[]> {
  const coverage = featuresNamed(needed).map((entry) => ({ entry, ...featureCoverage(connection.scopes, entry) }));
  const untested = coverage.some((c) => c.verdict === 'untested');
  const refused = untested && connection.tokenFamilyId ? await refusedScopes(db, connection.tokenFamilyId) : new Set<string>();
  const unusable: UnusableFeature[] = [];
  for (const { entry, verdict, scopes } of coverage) {
    const refusedByZoom = verdict === 'untested' && scopes.some((scope) => refused.has(scope));
    if (verdict === 'missing' || refusedByZoom) unusable.push({ feature: entry.feature, label: entry.label, anyOf: scopes, refusedByZoom });
  }
  return unusable;
}

/** Whether the grant may cover `feature` only as far as Zoom says so (a classic write scope, no read scope). */
export function coverageUntested(scopes: readonly string[], feature: ZoomFeature): boolean {
  return featuresNamed([feature]).some((entry) => featureCoverage(scopes, entry).verdict === 'untested');
}
