import type { ConferServices } from '../core/services.ts';
import type { ConnectionNotifier, ConnectionsRuntime } from './connections-runtime.ts';
import { markFamilyNeedsReauthorization } from './connection-health.ts';
import { oauthAppContext, resolveOAuthApp } from './oauth-apps.ts';
import { createTokenRefresher } from './token-refresh.ts';
import { createZoomOAuthAdapter } from './zoom-oauth-adapter.ts';

/** Builds the connections domain for this process: one refresher, so single-flight spans all requests. */
export function createConnectionsRuntime(services: ConferServices, notifier: ConnectionNotifier, env: Record<string, string | undefined> = process.env): ConnectionsRuntime {
  const zoom = createZoomOAuthAdapter(services.config);
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
      refresh: (app, refreshToken) => zoom.refresh(app, refreshToken),
      classify: (error) => {
        const verdict = zoom.classify(error);
        // At the token endpoint a 401 means the app, not the token: nothing a refresh would fix.
        return verdict.kind === 'refresh_now' || verdict.kind === 'scope_missing' ? { kind: 'permanent', reason: verdict.kind === 'scope_missing' ? verdict.reason : 'Zoom refused the app' } : verdict;
      },
      onNeedsReauthorization: async (tx, family, reason) => {
        await markFamilyNeedsReauthorization(tx, notifier, family, reason);
      },
    }),
  };
  return runtime;
}
