import type { ConferMetrics } from '../core/metrics/confer-metrics.ts';
import type { ConferServices } from '../core/services.ts';
import type { ConnectionNotifier, ConnectionsRuntime } from './connections-runtime.ts';
import { markFamilyNeedsReauthorization } from './connection-health.ts';
import { oauthAppContext, resolveOAuthApp } from './oauth-apps.ts';
import type { IssuedTokens } from './token-families.ts';
import { createTokenRefresher, type TokenFailureVerdict } from './token-refresh.ts';
import { createZoomOAuthAdapter } from './zoom-oauth-adapter.ts';

/** Builds the connections domain for this process: one refresher, so single-flight spans all requests. */
export function createConnectionsRuntime(services: ConferServices, notifier: ConnectionNotifier, env: Record<string, string | undefined> = process.env): ConnectionsRuntime {
  const { metrics } = services;
  const zoom = createZoomOAuthAdapter(services.config, (call) => metrics.zoomCall(call));
  const classify = (error: unknown): TokenFailureVerdict => {
    const verdict = zoom.classify(error);
    // At the token endpoint a 401 means the app, not the token: nothing a refresh would fix.
    return verdict.kind === 'refresh_now' || verdict.kind === 'scope_missing' ? { kind: 'permanent', reason: verdict.kind === 'scope_missing' ? verdict.reason : 'Zoom refused the app' } : verdict;
  };
  const runtime: ConnectionsRuntime = {
    services,
    zoom,
    notifier,
    env,
    afterAuthorization: [],
    refresher: createTokenRefresher({
      db: services.database.db,
      ring: services.keyRing,
      logger: services.logger,
      appCredentials: (family) => resolveOAuthApp(oauthAppContext(runtime), family.oauthClientId),
      refresh: (app, refreshToken) => countedRefresh(metrics, classify, () => zoom.refresh(app, refreshToken)),
      classify,
      onNeedsReauthorization: async (tx, family, reason) => {
        await markFamilyNeedsReauthorization(tx, notifier, family, reason);
      },
    }),
  };
  return runtime;
}

/** confer_zoom_token_refreshes_total's outcomes for a refused grant: re-authorization, later, or never. */
const refreshOutcomes: Record<TokenFailureVerdict['kind'], string> = { reauthorize: 'rejected', retry_later: 'unavailable', permanent: 'failed' };

/** Sends one refresh_token grant and counts how it ended; the refresher calls this only when its stored token will not do. */
async function countedRefresh(metrics: ConferMetrics, classify: (error: unknown) => TokenFailureVerdict, refresh: () => Promise<IssuedTokens>): Promise<IssuedTokens> {
  try {
    const tokens = await refresh();
    metrics.tokenRefresh('ok');
    return tokens;
  } catch (error) {
    metrics.tokenRefresh(refreshOutcomes[classify(error).kind]);
    throw error;
  }
}
